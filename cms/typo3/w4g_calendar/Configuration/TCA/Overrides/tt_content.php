<?php

/**
 * The content element "Veranstaltungskalender (w4g)" (CType w4g_calendar): header, and a
 * FlexForm with the view, the feed URL and the filters.
 */

use TYPO3\CMS\Core\Utility\ExtensionManagementUtility;

defined('TYPO3') or die();

ExtensionManagementUtility::addTcaSelectItem(
    'tt_content',
    'CType',
    [
        'label' => 'Veranstaltungskalender (w4g)',
        'description' => 'Termine aus dem regionalen Kalender als Liste oder Monatskalender',
        'value' => 'w4g_calendar',
        'icon' => 'w4g-calendar',
        'group' => 'special',
    ],
    'html',
    'after',
);

$GLOBALS['TCA']['tt_content']['ctrl']['typeicon_classes']['w4g_calendar'] = 'w4g-calendar';

$GLOBALS['TCA']['tt_content']['types']['w4g_calendar'] = [
    'showitem' => '
        --div--;LLL:EXT:core/Resources/Private/Language/Form/locallang_tabs.xlf:general,
            --palette--;;general,
            --palette--;;headers,
        --div--;Kalender,
            pi_flexform,
        --div--;LLL:EXT:frontend/Resources/Private/Language/locallang_ttc.xlf:tabs.appearance,
            --palette--;;frames,
            --palette--;;appearanceLinks,
        --div--;LLL:EXT:core/Resources/Private/Language/Form/locallang_tabs.xlf:access,
            --palette--;;hidden,
            --palette--;;access,
    ',
];

ExtensionManagementUtility::addPiFlexFormValue(
    '*',
    'FILE:EXT:w4g_calendar/Configuration/FlexForms/W4gCalendar.xml',
    'w4g_calendar',
);
