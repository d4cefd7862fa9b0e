<?php

/** TYPO3 12 (and sites without site sets): the static TypoScript "w4g-calendar" for the template record. */

use TYPO3\CMS\Core\Utility\ExtensionManagementUtility;

defined('TYPO3') or die();

ExtensionManagementUtility::addStaticFile('w4g_calendar', 'Configuration/TypoScript', 'w4g-calendar');
