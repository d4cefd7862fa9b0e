<?php

use TYPO3\CMS\Core\Imaging\IconProvider\SvgIconProvider;

return [
    'w4g-calendar' => [
        'provider' => SvgIconProvider::class,
        'source' => 'EXT:w4g_calendar/Resources/Public/Icons/Extension.svg',
    ],
];
