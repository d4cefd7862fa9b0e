<?php

/** Extension metadata for installations without Composer (Extension Manager upload). */
$EM_CONF[$_EXTKEY] = [
    'title' => 'w4g-calendar',
    'description' => 'Inhaltselement für den regionalen Veranstaltungskalender (w4g-calendar, Wir4Gemeinsam) mit serverseitiger Terminliste und schema.org-Daten für Besucher ohne JavaScript und Suchmaschinen.',
    'category' => 'fe',
    'author' => 'Wir4Gemeinsam',
    'state' => 'beta',
    'version' => '0.1.0',
    'constraints' => [
        'depends' => [
            'typo3' => '12.4.0-13.4.99',
            'fluid_styled_content' => '12.4.0-13.4.99',
        ],
        'conflicts' => [],
        'suggests' => [],
    ],
    'autoload' => [
        'psr-4' => [
            'Wir4Gemeinsam\\W4gCalendar\\' => 'Classes/',
        ],
    ],
];
