<?php
/**
 * w4g-calendar: the server-side fallback shared by the CMS wrappers (WordPress plugin, TYPO3
 * extension). Pure PHP (7.4+), no CMS dependency, no mbstring or intl needed.
 *
 * It reads JSON feeds (docs/feed-format.md, e.g. the server's /api/events.json) that the
 * wrapper has fetched and turns them into a plain view model: the next dated events with
 * German (DIN 5008) or English date text, the recurring series with a "regelmäßig" note, and
 * one schema.org JSON-LD document. The wrappers render that model with their own escaping
 * (WordPress: esc_html/esc_attr/esc_url; TYPO3: Fluid's default escaping).
 *
 * Times never depend on the server's default zone: every DateTimeImmutable is created with an
 * explicit DateTimeZone (the event's, else the feed's, else Europe/Berlin) and shown in the
 * display zone (the feed's zone, else Europe/Berlin), as the web components do.
 *
 * The single source is cms/php/FallbackRenderer.php; `node cms/build.mjs` copies it into both
 * packages. Do not edit the copies.
 */

declare(strict_types=1);

namespace Wir4Gemeinsam\W4gCalendar\Fallback;

use DateTimeImmutable;
use DateTimeZone;
use Throwable;

final class FallbackRenderer
{
    public const VERSION = '0.1.0';
    public const DEFAULT_ZONE = 'Europe/Berlin';
    /** As the element's `limit`: 20 at first; `0` means all, which the fallback caps at MAX_ITEMS. */
    public const DEFAULT_LIMIT = 20;
    public const MAX_ITEMS = 100;
    /** As the element: from today to a year ahead. */
    public const HORIZON_DAYS = 366;
    /** At most this many feed URLs in one `src`. */
    public const MAX_FEEDS = 5;
    public const VIEWS = ['list' => 'w4g-event-list', 'grid' => 'w4g-month-grid'];

    private const SCHEMA = 'https://schema.org';

    /** The licences a picture may carry and their deeds, as the core's IMAGE_LICENSE_URLS. */
    private const IMAGE_LICENSE_URLS = [
        'CC-BY-4.0' => 'https://creativecommons.org/licenses/by/4.0/',
        'CC-BY-SA-4.0' => 'https://creativecommons.org/licenses/by-sa/4.0/',
        'CC0-1.0' => 'https://creativecommons.org/publicdomain/zero/1.0/',
        'calendar-only' => null,
    ];

    private const MESSAGES = [
        'de' => [
            'allDay' => 'ganztägig',
            'oClock' => ' Uhr',
            'cancelled' => 'Abgesagt',
            'postponed' => 'Verschoben',
            'empty' => 'Keine Termine gefunden.',
            'error' => 'Die Termine konnten gerade nicht geladen werden.',
            'feedLink' => 'Veranstaltungen als Datei (JSON-Feed)',
            'missing' => 'Für diesen Kalender ist kein Veranstaltungs-Feed eingestellt.',
            'upcoming' => 'Nächste Termine',
            'series' => 'Regelmäßige Termine',
            'recurring' => 'regelmäßig',
            'firstDate' => 'erster Termin',
            'weekdays' => ['Mo', 'Di', 'Mi', 'Do', 'Fr', 'Sa', 'So'],
            'freq' => ['DAILY' => 'täglich', 'WEEKLY' => 'wöchentlich', 'MONTHLY' => 'monatlich', 'YEARLY' => 'jährlich'],
            'every' => ['DAILY' => 'alle %d Tage', 'WEEKLY' => 'alle %d Wochen', 'MONTHLY' => 'alle %d Monate', 'YEARLY' => 'alle %d Jahre'],
        ],
        'en' => [
            'allDay' => 'all day',
            'oClock' => '',
            'cancelled' => 'Cancelled',
            'postponed' => 'Postponed',
            'empty' => 'No events found.',
            'error' => 'The events could not be loaded right now.',
            'feedLink' => 'Events as a file (JSON feed)',
            'missing' => 'No event feed is set for this calendar.',
            'upcoming' => 'Upcoming events',
            'series' => 'Regular events',
            'recurring' => 'recurring',
            'firstDate' => 'first date',
            'weekdays' => ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
            'months' => ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
            'freq' => ['DAILY' => 'daily', 'WEEKLY' => 'weekly', 'MONTHLY' => 'monthly', 'YEARLY' => 'yearly'],
            'every' => ['DAILY' => 'every %d days', 'WEEKLY' => 'every %d weeks', 'MONTHLY' => 'every %d months', 'YEARLY' => 'every %d years'],
        ],
    ];

    private const STATUS = [
        'scheduled' => 'scheduled',
        'confirmed' => 'scheduled',
        'eventscheduled' => 'scheduled',
        'eventrescheduled' => 'scheduled',
        'eventmovedonline' => 'scheduled',
        'cancelled' => 'cancelled',
        'canceled' => 'cancelled',
        'eventcancelled' => 'cancelled',
        'postponed' => 'postponed',
        'eventpostponed' => 'postponed',
    ];

    private const SCHEMA_STATUS = [
        'scheduled' => 'https://schema.org/EventScheduled',
        'cancelled' => 'https://schema.org/EventCancelled',
        'postponed' => 'https://schema.org/EventPostponed',
    ];

    /** Accents the filters ignore, as the core's foldText (NFD without marks, ß as ss). */
    private const FOLD = [
        'ä' => 'a', 'ö' => 'o', 'ü' => 'u', 'Ä' => 'a', 'Ö' => 'o', 'Ü' => 'u', 'ß' => 'ss', 'ẞ' => 'ss',
        'á' => 'a', 'à' => 'a', 'â' => 'a', 'å' => 'a', 'ã' => 'a', 'Á' => 'a', 'À' => 'a', 'Â' => 'a', 'Å' => 'a',
        'é' => 'e', 'è' => 'e', 'ê' => 'e', 'ë' => 'e', 'É' => 'e', 'È' => 'e', 'Ê' => 'e', 'Ë' => 'e',
        'í' => 'i', 'ì' => 'i', 'î' => 'i', 'ï' => 'i', 'Í' => 'i', 'Î' => 'i',
        'ó' => 'o', 'ò' => 'o', 'ô' => 'o', 'õ' => 'o', 'Ó' => 'o', 'Ô' => 'o',
        'ú' => 'u', 'ù' => 'u', 'û' => 'u', 'Ú' => 'u', 'Û' => 'u',
        'ç' => 'c', 'Ç' => 'c', 'ñ' => 'n', 'Ñ' => 'n', 'č' => 'c', 'Č' => 'c', 'š' => 's', 'Š' => 's',
        'ž' => 'z', 'Ž' => 'z', 'ł' => 'l', 'Ł' => 'l', 'ø' => 'o', 'Ø' => 'o',
    ];

    // ---------------------------------------------------------------------------------------
    // Options
    // ---------------------------------------------------------------------------------------

    /**
     * The wrapper's attributes (shortcode, block, FlexForm) in one checked form.
     *
     * @param array<string, mixed> $raw view, src, town, organizer, category, limit, locale, today, from, to
     * @return array{view: string, src: string, town: string, organizer: string, category: string, limit: int, locale: string, today: string, from: string, to: string}
     */
    public static function normalizeOptions(array $raw, string $defaultSrc = '', string $siteLocale = 'de'): array
    {
        $text = static function ($value, int $max = 500): string {
            if (is_int($value) || is_float($value)) {
                $value = (string) $value;
            }
            if (!is_string($value)) {
                return '';
            }
            $value = trim(self::stripControls($value));
            return strlen($value) > $max ? '' : $value;
        };
        $view = strtolower($text($raw['view'] ?? ''));
        $src = $text($raw['src'] ?? '', 2000);
        $limitRaw = $raw['limit'] ?? '';
        $limit = is_numeric($limitRaw) ? (int) $limitRaw : self::DEFAULT_LIMIT;
        $today = $text($raw['today'] ?? '');
        $locale = $text($raw['locale'] ?? '');
        $from = $text($raw['from'] ?? '');
        $from = self::isDate($from) ? $from : '';
        // `to` is the last day shown (inclusive), as the element reads it; one before `from` is ignored.
        $to = $text($raw['to'] ?? '');
        $to = self::isDate($to) && ($from === '' || $to >= $from) ? $to : '';
        return [
            'view' => isset(self::VIEWS[$view]) ? $view : 'list',
            'src' => $src !== '' ? $src : trim($defaultSrc),
            'town' => $text($raw['town'] ?? ''),
            'organizer' => $text($raw['organizer'] ?? ''),
            'category' => $text($raw['category'] ?? ''),
            'limit' => max(0, min(self::MAX_ITEMS, $limit)),
            'locale' => self::resolveLocale($locale !== '' ? $locale : $siteLocale),
            'today' => self::isDate($today) ? $today : '',
            'from' => $from,
            'to' => $to,
        ];
    }

    /** `de`, `de_DE`, `de-AT` -> de; `en`, `en_GB` -> en; anything else -> de (as the elements). */
    public static function resolveLocale(string $tag): string
    {
        $primary = strtolower((string) preg_split('/[-_]/', trim($tag))[0]);
        return $primary === 'en' ? 'en' : 'de';
    }

    /** The tag name of a view: `w4g-event-list` or `w4g-month-grid`. */
    public static function tagName(string $view): string
    {
        return self::VIEWS[$view] ?? self::VIEWS['list'];
    }

    /**
     * The attributes of the element in order, empty ones left out, values unescaped
     * (the wrapper escapes). `no-jsonld` is always set: the server writes the JSON-LD.
     *
     * @param array{view: string, src: string, town: string, organizer: string, category: string, limit: int, locale: string, today: string, from: string, to: string} $options
     * @return array<string, string|true>
     */
    public static function elementAttributes(array $options): array
    {
        $attributes = [
            'src' => $options['src'],
            'town' => $options['town'],
            'organizer' => $options['organizer'],
            'category' => $options['category'],
            'locale' => $options['locale'],
            'today' => $options['today'],
        ];
        if ($options['view'] === 'list') {
            $attributes['from'] = $options['from'] ?? '';
            $attributes['to'] = $options['to'] ?? '';
            $attributes['limit'] = (string) $options['limit'];
        }
        $attributes = array_filter($attributes, static function ($v) {
            return $v !== '';
        });
        $attributes['no-jsonld'] = true;
        return $attributes;
    }

    /**
     * The feed URLs of `src` (whitespace-separated, as the element reads it) that the server may
     * fetch: absolute http(s) URLs; root-relative ones (`/api/events.json`) resolved against
     * `$siteUrl` when it is given. At most MAX_FEEDS.
     *
     * @return list<string>
     */
    public static function feedUrls(string $src, ?string $siteUrl = null): array
    {
        $out = [];
        foreach (preg_split('/\s+/', trim($src)) ?: [] as $part) {
            if ($part === '') {
                continue;
            }
            // Like the element, which resolves against the page: absolute or root-relative only.
            $isRootRelative = $part[0] === '/' && substr($part, 0, 2) !== '//';
            $url = self::safeUrl($part, $isRootRelative ? $siteUrl : null);
            if ($url !== null && !in_array($url, $out, true)) {
                $out[] = $url;
            }
            if (count($out) === self::MAX_FEEDS) {
                break;
            }
        }
        return $out;
    }

    // ---------------------------------------------------------------------------------------
    // Reading a feed
    // ---------------------------------------------------------------------------------------

    /**
     * A JSON feed's text as `{events, associations, timeZone, url}`, or null when it is not a
     * JSON feed (an iCalendar file, an HTML error page, broken JSON).
     *
     * @return array{events: list<array<string, mixed>>, associations: list<array<string, mixed>>, timeZone: ?string, url: string}|null
     */
    public static function decodeFeed(string $body, string $url = ''): ?array
    {
        $body = preg_replace('/^\xEF\xBB\xBF/', '', $body) ?? $body;
        $data = json_decode($body, true, 64, JSON_BIGINT_AS_STRING | JSON_INVALID_UTF8_SUBSTITUTE);
        if (!is_array($data) || self::isList($data)) {
            return null;
        }
        $events = isset($data['events']) && is_array($data['events']) ? array_values(array_filter($data['events'], 'is_array')) : [];
        $associations = isset($data['associations']) && is_array($data['associations'])
            ? array_values(array_filter($data['associations'], 'is_array'))
            : [];
        if (!isset($data['events']) && !isset($data['associations'])) {
            return null;
        }
        $zone = isset($data['timeZone']) && is_string($data['timeZone']) ? self::zoneName($data['timeZone']) : null;
        return ['events' => $events, 'associations' => $associations, 'timeZone' => $zone, 'url' => $url];
    }

    // ---------------------------------------------------------------------------------------
    // The view model
    // ---------------------------------------------------------------------------------------

    /**
     * Everything a wrapper's template needs.
     *
     * `state`: `ok` (events or series to show), `empty` (feeds read, nothing upcoming),
     * `error` (no feed could be read), `missing` (no usable feed URL).
     *
     * @param list<array{events: list<array<string, mixed>>, associations: list<array<string, mixed>>, timeZone: ?string, url: string}> $feeds decoded feeds
     * @param array{view: string, src: string, town: string, organizer: string, category: string, limit: int, locale: string, today: string, from: string, to: string} $options
     * @param list<string> $feedUrls the URLs that were (to be) fetched; the first is linked in the error notice
     * @param DateTimeImmutable|null $now "now" for tests; default the real time
     * @return array<string, mixed>
     */
    public static function buildView(array $feeds, array $options, array $feedUrls, ?DateTimeImmutable $now = null): array
    {
        $locale = $options['locale'] === 'en' ? 'en' : 'de';
        $m = self::MESSAGES[$locale];
        $feedUrl = $feedUrls[0] ?? '';
        $base = [
            'tagName' => self::tagName($options['view']),
            'isGrid' => $options['view'] === 'grid',
            'locale' => $locale,
            'labels' => [
                'upcoming' => $m['upcoming'],
                'series' => $m['series'],
                'empty' => $m['empty'],
                'error' => $m['error'],
                'feedLink' => $m['feedLink'],
                'missing' => $m['missing'],
            ],
            'feedUrl' => $feedUrl,
            'events' => [],
            'series' => [],
            'jsonLd' => '',
            'hasEvents' => false,
            'hasSeries' => false,
            'isEmpty' => false,
            'isError' => false,
            'isMissing' => false,
            'state' => 'ok',
        ];
        if (trim($options['src']) === '') {
            return array_merge($base, ['state' => 'missing', 'isMissing' => true]);
        }
        // No URL the server may fetch (e.g. a relative path), or none of them could be read.
        if ($feeds === []) {
            return array_merge($base, ['state' => 'error', 'isError' => true]);
        }

        $displayZone = new DateTimeZone($feeds[0]['timeZone'] ?? self::DEFAULT_ZONE);
        $todayDate = $options['today'] !== ''
            ? $options['today']
            : ($now ?? new DateTimeImmutable('now', $displayZone))->setTimezone($displayZone)->format('Y-m-d');
        // The list's days: `from` (default today) up to and including `to` (default a year on).
        $isList = $options['view'] === 'list';
        $fromDate = $isList && ($options['from'] ?? '') !== '' ? $options['from'] : $todayDate;
        $windowStart = new DateTimeImmutable($fromDate . ' 00:00:00', $displayZone);
        $windowEnd = $isList && ($options['to'] ?? '') !== ''
            ? (new DateTimeImmutable($options['to'] . ' 00:00:00', $displayZone))->modify('+1 day')
            : $windowStart->modify('+' . self::HORIZON_DAYS . ' days');

        $names = [];
        foreach ($feeds as $feed) {
            foreach ($feed['associations'] as $a) {
                $id = self::str($a['id'] ?? null, 200);
                $name = self::str($a['name'] ?? null, 300);
                if ($id !== null && $name !== null && !isset($names[$id])) {
                    $names[$id] = $name;
                }
            }
        }

        $filters = [
            'town' => self::parseList($options['town']),
            'category' => self::parseList($options['category']),
            'organizer' => self::parseList($options['organizer']),
        ];

        $singles = [];
        $series = [];
        foreach ($feeds as $feed) {
            $feedZone = $feed['timeZone'] ?? self::DEFAULT_ZONE;
            foreach ($feed['events'] as $raw) {
                $event = self::readEvent($raw, $feedZone, $displayZone, $feed['url']);
                if ($event === null || !self::matches($event, $filters)) {
                    continue;
                }
                if ($event['rrule'] !== null && $event['recurrenceId'] === null) {
                    if (self::seriesActive($event, $windowStart, $windowEnd)) {
                        $series[] = $event;
                    }
                } elseif (self::inWindow($event, $windowStart, $windowEnd)) {
                    $singles[] = $event;
                }
            }
        }
        usort($singles, [self::class, 'compare']);
        usort($series, [self::class, 'compare']);
        $limit = $options['limit'] === 0 ? self::MAX_ITEMS : $options['limit'];
        $singles = array_slice($singles, 0, $limit);
        $series = array_slice($series, 0, self::MAX_ITEMS);

        $graph = [];
        $events = [];
        foreach ($singles as $e) {
            $events[] = self::viewItem($e, $locale, self::formatWhen($e, $locale), $names);
            $graph[] = self::jsonLdEvent($e, $names);
        }
        $seriesItems = [];
        foreach ($series as $e) {
            $when = $m['recurring'] . ' (' . self::frequencyText($e['rule'], $locale) . '), '
                . $m['firstDate'] . ': ' . self::formatWhen($e, $locale);
            $seriesItems[] = self::viewItem($e, $locale, $when, $names);
            $graph[] = self::jsonLdEvent($e, $names);
        }

        $state = ($events === [] && $seriesItems === []) ? 'empty' : 'ok';
        return array_merge($base, [
            'events' => $events,
            'series' => $seriesItems,
            'jsonLd' => $graph === [] ? '' : self::encodeJsonLd(['@context' => self::SCHEMA, '@graph' => $graph]),
            'hasEvents' => $events !== [],
            'hasSeries' => $seriesItems !== [],
            'isEmpty' => $state === 'empty',
            'state' => $state,
            'timeZone' => $displayZone->getName(),
            'today' => $todayDate,
        ]);
    }

    /**
     * JSON for a `<script type="application/ld+json">`: `<`, `>`, `&`, `'` and `"` inside
     * strings become \u escapes (still the same JSON), so no text can close the script.
     *
     * @param mixed $value
     */
    public static function encodeJsonLd($value): string
    {
        $json = json_encode(
            $value,
            JSON_HEX_TAG | JSON_HEX_AMP | JSON_HEX_APOS | JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES
                | JSON_INVALID_UTF8_SUBSTITUTE,
        );
        return $json === false ? '' : $json;
    }

    // ---------------------------------------------------------------------------------------
    // Events
    // ---------------------------------------------------------------------------------------

    /**
     * One feed event in a checked form, or null when it has no id, title or readable start.
     *
     * @param mixed $raw
     * @return array<string, mixed>|null
     */
    private static function readEvent($raw, string $feedZone, DateTimeZone $display, string $feedUrl): ?array
    {
        if (!is_array($raw)) {
            return null;
        }
        $id = self::str($raw['id'] ?? null, 200);
        $title = self::str($raw['title'] ?? ($raw['name'] ?? null), 300);
        $startRaw = self::str($raw['start'] ?? ($raw['startDate'] ?? null));
        if ($id === null || $title === null || $startRaw === null) {
            return null;
        }
        $zoneName = $feedZone;
        if (isset($raw['timeZone']) && is_string($raw['timeZone']) && self::zoneName($raw['timeZone']) !== null) {
            $zoneName = (string) self::zoneName($raw['timeZone']);
        }
        $zone = new DateTimeZone($zoneName);
        $start = self::parseWhen($startRaw, $zone);
        if ($start === null) {
            return null;
        }
        $allDay = $start['allDay'];
        $startAt = $start['at']->setTimezone($display);
        if ($allDay) {
            // Calendar dates are not moved between zones.
            $startAt = new DateTimeImmutable($start['at']->format('Y-m-d') . ' 00:00:00', $display);
        }

        $end = null;
        $endRaw = self::str($raw['end'] ?? ($raw['endDate'] ?? null));
        if ($endRaw !== null) {
            $parsed = self::parseWhen($endRaw, $zone);
            if ($parsed !== null && $parsed['allDay'] === $allDay) {
                $endAt = $allDay
                    ? new DateTimeImmutable($parsed['at']->format('Y-m-d') . ' 00:00:00', $display)
                    : $parsed['at']->setTimezone($display);
                if ($allDay ? $endAt > $startAt : $endAt >= $startAt) {
                    $end = $endAt;
                }
            }
        }
        $durationRaw = self::str($raw['duration'] ?? null);
        if ($end === null && $durationRaw !== null) {
            $end = self::addDuration($allDay ? $startAt : $start['at'], $durationRaw, $allDay);
            if ($end !== null) {
                $end = $end->setTimezone($display);
            }
        }
        if ($end === null) {
            // RFC 5545: an all-day date lasts one day; a timed start alone has no length.
            $end = $allDay ? $startAt->modify('+1 day') : $startAt;
        }

        $rrule = self::str($raw['rrule'] ?? null);
        $rule = $rrule !== null ? self::parseRule($rrule) : null;
        $statusRaw = self::str($raw['status'] ?? ($raw['eventStatus'] ?? null));
        $statusKey = $statusRaw === null ? '' : strtolower((string) preg_replace('~^https?://schema\.org/~i', '', $statusRaw));
        $location = $raw['location'] ?? null;
        $place = [];
        if (is_string($location) && trim($location) !== '') {
            $place['name'] = self::cut(trim($location), 300);
        } elseif (is_array($location)) {
            $name = self::str($location['name'] ?? null, 300);
            $address = self::str($location['address'] ?? null, 500);
            if ($name !== null) {
                $place['name'] = $name;
            }
            if ($address !== null) {
                $place['address'] = $address;
            }
            $lat = $location['lat'] ?? ($location['latitude'] ?? null);
            $lon = $location['lon'] ?? ($location['longitude'] ?? null);
            if (is_numeric($lat) && is_numeric($lon) && abs((float) $lat) <= 90 && abs((float) $lon) <= 180) {
                $place['lat'] = 0 + $lat;
                $place['lon'] = 0 + $lon;
            }
        }
        $organizer = $raw['organizer'] ?? null;
        $urlRaw = $raw['url'] ?? null;
        $imageRaw = $raw['image'] ?? null;
        $image = self::safeUrl(is_array($imageRaw) ? ($imageRaw['url'] ?? null) : $imageRaw, $feedUrl);
        return [
            'id' => $id,
            'title' => $title,
            'allDay' => $allDay,
            'start' => $startAt,
            'end' => $end,
            'firstStart' => $start['at'],
            'rrule' => $rule === null ? null : $rrule,
            'rule' => $rule,
            'rdates' => self::strList($raw['rdates'] ?? null),
            'recurrenceId' => self::str($raw['recurrenceId'] ?? null),
            'status' => self::STATUS[$statusKey] ?? 'scheduled',
            'description' => self::str($raw['description'] ?? null, 5000),
            'url' => self::safeUrl(is_array($urlRaw) ? ($urlRaw['url'] ?? null) : $urlRaw, $feedUrl),
            'image' => $image,
            'imageAlt' => $image === null ? null : (is_array($imageRaw) ? self::str($imageRaw['alt'] ?? null, 500) : null)
                ?? self::str($raw['imageAlt'] ?? null, 300),
            'imageCredit' => $image !== null && is_array($imageRaw) ? self::str($imageRaw['credit'] ?? null, 200) : null,
            'imageLicense' => $image !== null && is_array($imageRaw) && is_string($imageRaw['license'] ?? null)
                && array_key_exists($imageRaw['license'], self::IMAGE_LICENSE_URLS) ? $imageRaw['license'] : null,
            'imageSize' => $image !== null && is_array($imageRaw) ? self::imageSize($imageRaw) : null,
            'town' => self::str($raw['town'] ?? null, 200),
            'location' => $place,
            'organizerId' => self::str($raw['organizerId'] ?? null, 200),
            'organizer' => is_array($organizer) ? self::str($organizer['name'] ?? null, 300) : self::str($organizer, 300),
            'categories' => self::strList($raw['categories'] ?? ($raw['keywords'] ?? null)),
            'audience' => self::strList($raw['audience'] ?? null),
            'accessibility' => self::strList($raw['accessibility'] ?? ($raw['accessibilityFeature'] ?? null)),
            'price' => self::str($raw['price'] ?? null, 200),
            'free' => isset($raw['free']) && is_bool($raw['free']) ? $raw['free'] : null,
        ];
    }

    /**
     * `YYYY-MM-DD`, `YYYY-MM-DDTHH:mm[:ss[.fff]]` (wall-clock time in `$zone`) or either with
     * `Z` / an offset (an instant).
     *
     * @return array{allDay: bool, at: DateTimeImmutable}|null
     */
    private static function parseWhen(string $value, DateTimeZone $zone): ?array
    {
        $re = '/^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/';
        if (!preg_match($re, trim($value), $m)) {
            return null;
        }
        [$y, $mo, $d] = [(int) $m[1], (int) $m[2], (int) $m[3]];
        if (!checkdate($mo, $d, $y)) {
            return null;
        }
        if (!isset($m[4]) || $m[4] === '') {
            return ['allDay' => true, 'at' => new DateTimeImmutable(sprintf('%04d-%02d-%02d 00:00:00', $y, $mo, $d), $zone)];
        }
        $h = (int) $m[4];
        $mi = (int) $m[5];
        $s = isset($m[6]) && $m[6] !== '' ? (int) $m[6] : 0;
        if ($h > 23 || $mi > 59 || $s > 59) {
            return null;
        }
        $wall = sprintf('%04d-%02d-%02d %02d:%02d:%02d', $y, $mo, $d, $h, $mi, $s);
        $offset = $m[7] ?? '';
        try {
            if ($offset === '') {
                return ['allDay' => false, 'at' => new DateTimeImmutable($wall, $zone)];
            }
            $offsetZone = new DateTimeZone($offset === 'Z' ? 'UTC' : (strlen($offset) === 5 ? substr($offset, 0, 3) . ':' . substr($offset, 3) : $offset));
            return ['allDay' => false, 'at' => new DateTimeImmutable($wall, $offsetZone)];
        } catch (Throwable $e) {
            return null;
        }
    }

    /**
     * RFC 5545 duration (`PT1H30M`, `P2D`, `P1W`): weeks and days in wall-clock time, hours,
     * minutes and seconds as elapsed time. Null when it is not one.
     */
    private static function addDuration(DateTimeImmutable $start, string $value, bool $allDay): ?DateTimeImmutable
    {
        if (!preg_match('/^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/', strtoupper(trim($value)), $m)
            || trim($value, 'PTpt') === '') {
            return null;
        }
        $days = 7 * (int) ($m[1] ?? 0) + (int) ($m[2] ?? 0);
        $seconds = 3600 * (int) ($m[3] ?? 0) + 60 * (int) ($m[4] ?? 0) + (int) ($m[5] ?? 0);
        if ($days > 3660 || $seconds > 3660 * 86400) {
            return null;
        }
        $end = $days > 0 ? $start->modify('+' . $days . ' days') : $start;
        if ($allDay) {
            return $days > 0 ? $end : null;
        }
        return $seconds > 0 ? $end->setTimestamp($end->getTimestamp() + $seconds) : $end;
    }

    /**
     * The parts of an RRULE the fallback needs, or null when it is not a rule.
     *
     * @return array{freq: string, interval: int, count: ?int, until: ?string}|null
     */
    private static function parseRule(string $value): ?array
    {
        $rule = ['freq' => '', 'interval' => 1, 'count' => null, 'until' => null];
        foreach (explode(';', (string) preg_replace('/^RRULE:/i', '', trim($value))) as $part) {
            $pair = explode('=', $part, 2);
            if (count($pair) !== 2) {
                continue;
            }
            $key = strtoupper(trim($pair[0]));
            $val = strtoupper(trim($pair[1]));
            if ($key === 'FREQ' && preg_match('/^(SECONDLY|MINUTELY|HOURLY|DAILY|WEEKLY|MONTHLY|YEARLY)$/', $val)) {
                $rule['freq'] = $val;
            } elseif ($key === 'INTERVAL' && ctype_digit($val) && (int) $val > 0) {
                $rule['interval'] = (int) $val;
            } elseif ($key === 'COUNT' && ctype_digit($val) && (int) $val > 0) {
                $rule['count'] = (int) $val;
            } elseif ($key === 'UNTIL' && preg_match('/^\d{8}(T\d{6}Z?)?$/', $val)) {
                $rule['until'] = $val;
            }
        }
        return $rule['freq'] === '' ? null : $rule;
    }

    /** Whether a series can still have dates in the window (a conservative test: it never hides a live series). */
    private static function seriesActive(array $event, DateTimeImmutable $from, DateTimeImmutable $to): bool
    {
        if ($event['start'] >= $to) {
            return false;
        }
        foreach ($event['rdates'] as $rdate) {
            $when = self::parseWhen(explode('/', $rdate)[0], $event['firstStart']->getTimezone());
            if ($when !== null && $when['at'] >= $from && $when['at'] < $to) {
                return true;
            }
        }
        $rule = $event['rule'];
        if ($rule['until'] !== null) {
            $u = $rule['until'];
            $until = strlen($u) === 8
                ? new DateTimeImmutable(substr($u, 0, 4) . '-' . substr($u, 4, 2) . '-' . substr($u, 6, 2) . ' 23:59:59', $event['start']->getTimezone())
                : new DateTimeImmutable(
                    substr($u, 0, 4) . '-' . substr($u, 4, 2) . '-' . substr($u, 6, 2) . ' ' . substr($u, 9, 2) . ':' . substr($u, 11, 2) . ':' . substr($u, 13, 2),
                    substr($u, -1) === 'Z' ? new DateTimeZone('UTC') : $event['firstStart']->getTimezone(),
                );
            if ($until < $from) {
                return false;
            }
        }
        if ($rule['count'] !== null) {
            $units = ['SECONDLY' => 'seconds', 'MINUTELY' => 'minutes', 'HOURLY' => 'hours', 'DAILY' => 'days', 'WEEKLY' => 'weeks', 'MONTHLY' => 'months', 'YEARLY' => 'years'];
            $steps = min(100000, ($rule['count'] + 1) * $rule['interval']);
            $last = $event['end']->modify('+' . $steps . ' ' . $units[$rule['freq']]);
            if ($last < $from) {
                return false;
            }
        }
        return true;
    }

    /** @param array<string, mixed> $event */
    private static function inWindow(array $event, DateTimeImmutable $from, DateTimeImmutable $to): bool
    {
        $start = $event['start'];
        $end = $event['end'];
        if (!($end > $from || ($end == $start && $start >= $from))) {
            return false;
        }
        return $start < $to;
    }

    /** @param array<string, list<string>> $filters */
    private static function matches(array $event, array $filters): bool
    {
        $anyOf = static function (array $wanted, array $values): bool {
            if ($wanted === []) {
                return true;
            }
            foreach ($values as $value) {
                if ($value !== null && in_array(self::fold($value), $wanted, true)) {
                    return true;
                }
            }
            return false;
        };
        return $anyOf($filters['town'], [$event['town']])
            && $anyOf($filters['category'], $event['categories'])
            && $anyOf($filters['organizer'], [$event['organizerId'], $event['organizer']]);
    }

    /** As the core's compareOccurrences: start, all-day first, title. */
    private static function compare(array $a, array $b): int
    {
        return ($a['start']->getTimestamp() <=> $b['start']->getTimestamp())
            ?: ((int) $b['allDay'] <=> (int) $a['allDay'])
            ?: (self::fold($a['title']) <=> self::fold($b['title']))
            ?: strcmp($a['title'], $b['title'])
            ?: strcmp($a['id'], $b['id']);
    }

    /**
     * One list entry: plain strings (the templates escape them), URLs already limited to http(s).
     *
     * @param array<string, mixed> $e
     * @param array<string, string> $names association names by id
     * @return array<string, mixed>
     */
    private static function viewItem(array $e, string $locale, string $when, array $names): array
    {
        $m = self::MESSAGES[$locale];
        $placeParts = [];
        $loc = $e['location'];
        $placeName = $loc['name'] ?? ($loc['address'] ?? null);
        if ($placeName !== null) {
            $placeParts[] = $placeName;
        }
        if ($e['town'] !== null && ($placeName === null || strpos(self::fold($placeName), self::fold($e['town'])) === false)) {
            $placeParts[] = $e['town'];
        }
        $statusLabel = $e['status'] === 'scheduled' ? '' : $m[$e['status']];
        $organizer = ($e['organizerId'] !== null ? ($names[$e['organizerId']] ?? null) : null) ?? $e['organizer'];
        return [
            'id' => $e['id'],
            'title' => $e['title'],
            'url' => $e['url'] ?? '',
            'when' => $when,
            'datetime' => $e['allDay'] ? $e['start']->format('Y-m-d') : $e['start']->format('Y-m-d\TH:i:sP'),
            'place' => implode(', ', $placeParts),
            'town' => $e['town'] ?? '',
            'organizer' => $organizer ?? '',
            'status' => $e['status'],
            'statusLabel' => $statusLabel,
            'isCancelled' => $e['status'] === 'cancelled',
            'className' => 'w4g-fallback-event' . ($e['status'] === 'scheduled' ? '' : ' w4g-fallback-event--' . $e['status']),
            'recurring' => $e['rrule'] !== null || $e['recurrenceId'] !== null,
        ];
    }

    // ---------------------------------------------------------------------------------------
    // Date text (mirrors the core's formatOccurrenceWhen)
    // ---------------------------------------------------------------------------------------

    /** de "Sa., 12.12.2026, 19:30–21:30 Uhr"; en "Sat, 12 Dec 2026, 7:30 PM – 9:30 PM". */
    public static function formatWhen(array $e, string $locale): string
    {
        $m = self::MESSAGES[$locale];
        /** @var DateTimeImmutable $start */
        $start = $e['start'];
        /** @var DateTimeImmutable $end */
        $end = $e['end'];
        if ($e['allDay']) {
            $last = $end->modify('-1 day');
            if ($last < $start) {
                $last = $start;
            }
            $from = self::shortDate($start, $locale);
            if ($last->format('Y-m-d') === $start->format('Y-m-d')) {
                return $from . ', ' . $m['allDay'];
            }
            return $from . ' – ' . self::shortDate($last, $locale);
        }
        $point = $end <= $start;
        // An end at local midnight belongs to the day before.
        $endDay = $end->format('H:i:s') === '00:00:00' && $end > $start ? $end->modify('-1 day') : $end;
        $oneDay = $endDay->format('Y-m-d') === $start->format('Y-m-d');
        $from = self::shortDate($start, $locale);
        if ($point) {
            return $from . ', ' . self::clock($start, $locale) . $m['oClock'];
        }
        if ($oneDay) {
            if ($locale === 'en') {
                return $from . ', ' . self::clock($start, $locale) . ' – ' . self::clock($end, $locale);
            }
            return $from . ', ' . self::clock($start, $locale) . '–' . self::clock($end, $locale, true) . $m['oClock'];
        }
        return $from . ', ' . self::clock($start, $locale) . $m['oClock'] . ' – '
            . self::shortDate($end, $locale) . ', ' . self::clock($end, $locale) . $m['oClock'];
    }

    /** de "Sa., 12.12.2026"; en "Sat, 12 Dec 2026". */
    public static function shortDate(DateTimeImmutable $date, string $locale): string
    {
        $m = self::MESSAGES[$locale];
        $weekday = $m['weekdays'][(int) $date->format('N') - 1];
        if ($locale === 'en') {
            return $weekday . ', ' . $date->format('j') . ' ' . $m['months'][(int) $date->format('n') - 1] . ' ' . $date->format('Y');
        }
        return $weekday . '., ' . $date->format('d.m.Y');
    }

    private static function clock(DateTimeImmutable $at, string $locale, bool $midnightAs24 = false): string
    {
        if ($locale === 'en') {
            return $at->format('g:i A');
        }
        if ($midnightAs24 && $at->format('H:i') === '00:00') {
            return '24:00';
        }
        return $at->format('H:i');
    }

    /** "wöchentlich", "alle 2 Wochen"; en "weekly", "every 2 weeks". */
    private static function frequencyText(array $rule, string $locale): string
    {
        $m = self::MESSAGES[$locale];
        $freq = $rule['freq'];
        if (!isset($m['freq'][$freq])) {
            return $m['recurring'];
        }
        return $rule['interval'] > 1 ? sprintf($m['every'][$freq], $rule['interval']) : $m['freq'][$freq];
    }

    // ---------------------------------------------------------------------------------------
    // schema.org (mirrors the core's occurrenceToJsonLd)
    // ---------------------------------------------------------------------------------------

    /**
     * @param array<string, mixed> $e
     * @param array<string, string> $names
     * @return array<string, mixed>
     */
    private static function jsonLdEvent(array $e, array $names): array
    {
        $organizer = ($e['organizerId'] !== null ? ($names[$e['organizerId']] ?? null) : null) ?? $e['organizer'];
        $organizer = $organizer === null ? '' : trim($organizer);
        $start = $e['allDay'] ? $e['start']->format('Y-m-d') : $e['start']->format('Y-m-d\TH:i:sP');
        if ($e['allDay']) {
            $last = $e['end']->modify('-1 day');
            $endDate = ($last < $e['start'] ? $e['start'] : $last)->format('Y-m-d');
        } else {
            $endDate = $e['end']->format('Y-m-d\TH:i:sP');
        }
        $event = [
            '@type' => 'Event',
            'name' => $e['title'],
            'startDate' => $start,
            'endDate' => $endDate,
            'eventStatus' => self::SCHEMA_STATUS[$e['status']],
            'eventAttendanceMode' => self::SCHEMA . '/OfflineEventAttendanceMode',
            'description' => $e['description'],
            'url' => $e['url'],
            'image' => self::jsonLdImage($e),
            'location' => self::jsonLdPlace($e),
            'organizer' => $organizer !== '' ? ['@type' => 'Organization', 'name' => $organizer] : null,
            'keywords' => implode(', ', $e['categories']),
            'audience' => $e['audience'] !== [] ? ['@type' => 'Audience', 'audienceType' => implode(', ', $e['audience'])] : null,
            'isAccessibleForFree' => $e['free'],
            'offers' => self::jsonLdOffers($e),
        ];
        if ($e['rrule'] !== null && $e['recurrenceId'] === null) {
            $event['eventSchedule'] = self::jsonLdSchedule($e);
        }
        return self::compact($event);
    }

    /**
     * The picture as the core's JSON-LD writer gives it: the URL alone when the feed says nothing
     * more, else an ImageObject with size, credit and licence. A picture "nur für diesen Kalender"
     * (calendar-only) has no licence to link; where to ask is the event's page.
     *
     * @return array<string, mixed>|string|null
     */
    private static function jsonLdImage(array $e)
    {
        $url = $e['image'];
        if ($url === null) {
            return null;
        }
        $credit = $e['imageCredit'];
        $size = $e['imageSize'];
        if ($credit === null && $e['imageLicense'] === null && $size === null) {
            return $url;
        }
        $license = $e['imageLicense'] !== null ? self::IMAGE_LICENSE_URLS[$e['imageLicense']] : null;
        return [
            '@type' => 'ImageObject',
            'url' => $url,
            'contentUrl' => $url,
            'width' => $size === null ? null : $size[0],
            'height' => $size === null ? null : $size[1],
            'caption' => $e['imageAlt'],
            'creditText' => $credit,
            'creator' => $credit !== null ? ['@type' => 'Person', 'name' => $credit] : null,
            'license' => $license,
            'acquireLicensePage' => $license ?? ($e['imageLicense'] !== null ? $e['url'] : null),
        ];
    }

    /**
     * Width and height of an image object: both whole numbers from 1 to 20000, else null.
     *
     * @param array<mixed> $image
     * @return array{0: int, 1: int}|null
     */
    private static function imageSize(array $image): ?array
    {
        $ok = static function ($v): bool {
            return is_int($v) && $v > 0 && $v <= 20000;
        };
        $width = $image['width'] ?? null;
        $height = $image['height'] ?? null;
        return $ok($width) && $ok($height) ? [$width, $height] : null;
    }

    /** @return array<string, mixed>|null */
    private static function jsonLdPlace(array $e): ?array
    {
        $loc = $e['location'];
        $addressText = isset($loc['address']) ? trim($loc['address']) : '';
        $address = null;
        if ($addressText !== '' && preg_match('/^(.+?),\s*(\d{4,5})\s+([^,]+?)\s*$/u', $addressText, $m)) {
            $address = ['@type' => 'PostalAddress', 'streetAddress' => trim($m[1]), 'postalCode' => $m[2], 'addressLocality' => $m[3]];
        } elseif ($addressText !== '') {
            $address = $addressText;
        } elseif ($e['town'] !== null && trim($e['town']) !== '') {
            $address = ['@type' => 'PostalAddress', 'addressLocality' => trim($e['town'])];
        }
        $name = isset($loc['name']) ? trim($loc['name']) : '';
        if ($name === '') {
            $name = is_string($address) ? $address : trim((string) $e['town']);
        }
        if ($name === '' && $address === null) {
            return null;
        }
        $out = ['@type' => 'Place', 'name' => $name, 'address' => $address];
        if (isset($loc['lat'], $loc['lon'])) {
            $out['geo'] = ['@type' => 'GeoCoordinates', 'latitude' => $loc['lat'], 'longitude' => $loc['lon']];
        }
        if ($e['accessibility'] !== []) {
            $out['amenityFeature'] = array_map(static function (string $name): array {
                return ['@type' => 'LocationFeatureSpecification', 'name' => $name, 'value' => true];
            }, $e['accessibility']);
        }
        return $out;
    }

    /** @return array<string, mixed>|null */
    private static function jsonLdOffers(array $e): ?array
    {
        $price = $e['price'] === null ? '' : trim($e['price']);
        $base = ['@type' => 'Offer', 'url' => $e['url']];
        if ($price !== '') {
            $bare = trim((string) preg_replace('/€|\bEUR\b|\bEuro\b/iu', '', $price));
            $bare = (string) preg_replace('/[.,]-{1,2}$/', '', $bare);
            if (preg_match('/^\d+(?:[.,]\d{1,2})?$/', $bare)) {
                return $base + ['price' => 0 + str_replace(',', '.', $bare), 'priceCurrency' => 'EUR'];
            }
            return $base + ['description' => $price];
        }
        return $e['free'] === true ? $base + ['price' => 0, 'priceCurrency' => 'EUR'] : null;
    }

    /** schema.org Schedule of a series (repeatFrequency, repeatCount, endDate, times, zone). */
    private static function jsonLdSchedule(array $e): array
    {
        $rule = $e['rule'];
        $letters = ['DAILY' => 'D', 'WEEKLY' => 'W', 'MONTHLY' => 'M', 'YEARLY' => 'Y'];
        $frequency = isset($letters[$rule['freq']]) ? 'P' . $rule['interval'] . $letters[$rule['freq']] : null;
        $until = $rule['until'] !== null
            ? substr($rule['until'], 0, 4) . '-' . substr($rule['until'], 4, 2) . '-' . substr($rule['until'], 6, 2)
            : null;
        return [
            '@type' => 'Schedule',
            'repeatFrequency' => $frequency,
            'repeatCount' => $rule['count'],
            'startDate' => $e['start']->format('Y-m-d'),
            'endDate' => $until,
            'startTime' => $e['allDay'] ? null : $e['firstStart']->format('H:i:s'),
            'endTime' => $e['allDay'] || $e['end'] <= $e['start'] ? null : $e['end']->setTimezone($e['firstStart']->getTimezone())->format('H:i:s'),
            'scheduleTimezone' => $e['allDay'] ? null : $e['firstStart']->getTimezone()->getName(),
        ];
    }

    /** Drops null, '' and empty lists, recursively in objects (not in lists), as the core does. */
    private static function compact(array $value): array
    {
        $out = [];
        foreach ($value as $key => $v) {
            if ($v === null || $v === '' || $v === []) {
                continue;
            }
            $out[$key] = is_array($v) && !self::isList($v) ? self::compact($v) : $v;
        }
        return $out;
    }

    // ---------------------------------------------------------------------------------------
    // Small helpers
    // ---------------------------------------------------------------------------------------

    /** An IANA zone name PHP knows (`Europe/Berlin`, `UTC`), or null. Offsets and abbreviations are refused. */
    public static function zoneName(string $name): ?string
    {
        $name = trim($name);
        if ($name === 'UTC' || $name === 'Etc/UTC') {
            return 'UTC';
        }
        if (!preg_match('~^[A-Za-z]+(?:/[A-Za-z0-9_+\-]+){1,2}$~', $name)) {
            return null;
        }
        try {
            return (new DateTimeZone($name))->getName();
        } catch (Throwable $e) {
            return null;
        }
    }

    /**
     * An absolute http(s) URL, or null. Relative references are resolved against `$base` when it
     * is an http(s) URL (as the core resolves them against the feed's URL); control characters,
     * whitespace and every other scheme (javascript:, data:, vbscript:, file:) are refused.
     *
     * @param mixed $value
     */
    public static function safeUrl($value, ?string $base = null): ?string
    {
        if (!is_string($value)) {
            return null;
        }
        $value = trim($value);
        if ($value === '' || strlen($value) > 2048 || preg_match('/[\x00-\x20\x7F]/', $value)) {
            return null;
        }
        if (preg_match('/^([A-Za-z][A-Za-z0-9+.\-]*):/', $value, $m)) {
            $scheme = strtolower($m[1]);
            if ($scheme !== 'http' && $scheme !== 'https') {
                return null;
            }
            $parts = parse_url($value);
            if (!is_array($parts) || empty($parts['host'])) {
                return null;
            }
            $rest = substr($value, strlen($m[0]));
            $normalized = $scheme . ':' . $rest;
            // `https://example.org` is `https://example.org/`, as the URL parser writes it.
            if (!isset($parts['path']) || $parts['path'] === '') {
                $authority = '//' . substr($rest, 2, strcspn($rest, '/?#', 2));
                $normalized = $scheme . ':' . $authority . '/' . substr($rest, strlen($authority));
            }
            return $normalized;
        }
        if ($base === null || $base === '') {
            return null;
        }
        $baseUrl = self::safeUrl($base);
        if ($baseUrl === null) {
            return null;
        }
        $b = parse_url($baseUrl);
        if (!is_array($b) || !isset($b['scheme'], $b['host'])) {
            return null;
        }
        $origin = $b['scheme'] . '://' . $b['host'] . (isset($b['port']) ? ':' . $b['port'] : '');
        if (substr($value, 0, 2) === '//') {
            return self::safeUrl($b['scheme'] . ':' . $value);
        }
        $cut = strcspn($value, '?#');
        $path = substr($value, 0, $cut);
        $suffix = substr($value, $cut);
        if ($path === '') {
            $basePath = $b['path'] ?? '/';
            if ($suffix !== '' && $suffix[0] === '#') {
                $suffix = (isset($b['query']) ? '?' . $b['query'] : '') . $suffix;
            }
            return self::safeUrl($origin . $basePath . $suffix);
        }
        if ($path[0] !== '/') {
            $basePath = $b['path'] ?? '/';
            $path = substr($basePath, 0, (int) strrpos($basePath, '/') + 1) . $path;
        }
        return self::safeUrl($origin . self::removeDotSegments($path) . $suffix);
    }

    private static function removeDotSegments(string $path): string
    {
        $out = [];
        foreach (explode('/', $path) as $segment) {
            if ($segment === '..') {
                if (count($out) > 1) {
                    array_pop($out);
                }
            } elseif ($segment !== '.') {
                $out[] = $segment;
            }
        }
        $last = substr($path, -3) === '/..' || substr($path, -2) === '/.' ? '/' : '';
        $result = implode('/', $out) . $last;
        return $result === '' || $result[0] !== '/' ? '/' . $result : $result;
    }

    /** Lower-cased, trimmed, accents removed, ß as ss, inner whitespace as one space: what filters compare. */
    public static function fold(string $value): string
    {
        return trim((string) preg_replace('/\s+/u', ' ', strtolower(strtr($value, self::FOLD))));
    }

    /** @return list<string> folded, non-empty values of "Aschersleben, Seeland" */
    public static function parseList(string $value): array
    {
        $out = [];
        foreach (explode(',', $value) as $part) {
            $folded = self::fold($part);
            if ($folded !== '') {
                $out[] = $folded;
            }
        }
        return $out;
    }

    /**
     * A trimmed non-empty string (numbers are accepted, as in the core), else null.
     *
     * @param mixed $value
     */
    private static function str($value, int $max = 10000): ?string
    {
        if (is_int($value) || (is_float($value) && is_finite($value))) {
            return (string) $value;
        }
        if (!is_string($value)) {
            return null;
        }
        $value = trim($value);
        return $value === '' ? null : self::cut($value, $max);
    }

    /**
     * @param mixed $value
     * @return list<string>
     */
    private static function strList($value): array
    {
        $parts = is_string($value) ? explode(',', $value) : (is_array($value) ? $value : []);
        $out = [];
        foreach ($parts as $part) {
            $s = self::str($part, 200);
            if ($s !== null) {
                $out[] = $s;
            }
        }
        return $out;
    }

    /** At most `$max` characters of UTF-8 text. */
    private static function cut(string $value, int $max): string
    {
        if (strlen($value) <= $max) {
            return $value;
        }
        return preg_match('/^.{0,' . $max . '}/us', $value, $m) ? $m[0] : substr($value, 0, $max);
    }

    private static function stripControls(string $value): string
    {
        return (string) preg_replace('/[\x00-\x08\x0B\x0C\x0E-\x1F\x7F]/', '', $value);
    }

    private static function isDate(string $value): bool
    {
        return (bool) preg_match('/^(\d{4})-(\d{2})-(\d{2})$/', $value, $m) && checkdate((int) $m[2], (int) $m[3], (int) $m[1]);
    }

    private static function isList(array $value): bool
    {
        $i = 0;
        foreach ($value as $key => $_) {
            if ($key !== $i++) {
                return false;
            }
        }
        return true;
    }
}
