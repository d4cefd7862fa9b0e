<?php

declare(strict_types=1);

namespace Wir4Gemeinsam\W4gCalendar\DataProcessing;

use DateTimeImmutable;
use Throwable;
use TYPO3\CMS\Core\Cache\CacheManager;
use TYPO3\CMS\Core\Context\Context;
use TYPO3\CMS\Core\Http\RequestFactory;
use TYPO3\CMS\Core\Utility\GeneralUtility;
use TYPO3\CMS\Frontend\ContentObject\ContentObjectRenderer;
use TYPO3\CMS\Frontend\ContentObject\DataProcessorInterface;
use Wir4Gemeinsam\W4gCalendar\Fallback\FallbackRenderer;

/**
 * Prepares the content element w4g_calendar for its Fluid template: reads the FlexForm values
 * (from the core's FlexFormProcessor), fetches the JSON feed(s) through TYPO3's HTTP client
 * (cached in the "hash" cache) and builds the fallback list and JSON-LD with the shared
 * FallbackRenderer. The result is one variable (default {w4g}); every string in it is plain
 * text that Fluid escapes, except `jsonLd`, which is encoded so that it can be output raw.
 *
 * TypoScript (see Configuration/TypoScript/setup.typoscript):
 *   flexFormData   name of the FlexFormProcessor's variable (default flexFormData)
 *   defaultSrc     feed URL(s) when the element has none
 *   cacheLifetime  seconds a fetched feed is kept (default 900)
 *   as             variable name (default w4g)
 */
final class CalendarProcessor implements DataProcessorInterface
{
    /** Larger answers are not read (a feed of a few thousand events is far smaller). */
    private const MAX_BYTES = 5 * 1024 * 1024;

    public function process(
        ContentObjectRenderer $cObj,
        array $contentObjectConfiguration,
        array $processorConfiguration,
        array $processedData
    ): array {
        $flexKey = (string) $cObj->stdWrapValue('flexFormData', $processorConfiguration, 'flexFormData');
        $flex = is_array($processedData[$flexKey] ?? null) ? $processedData[$flexKey] : [];
        $defaultSrc = (string) $cObj->stdWrapValue('defaultSrc', $processorConfiguration, '');
        $lifetime = (int) $cObj->stdWrapValue('cacheLifetime', $processorConfiguration, 900);
        $lifetime = $lifetime > 0 ? max(60, $lifetime) : 900;
        $as = (string) $cObj->stdWrapValue('as', $processorConfiguration, 'w4g');

        $request = method_exists($cObj, 'getRequest') ? $cObj->getRequest() : ($GLOBALS['TYPO3_REQUEST'] ?? null);
        $options = FallbackRenderer::normalizeOptions($flex, $defaultSrc, $this->siteLocale($request));
        $urls = FallbackRenderer::feedUrls($options['src'], $this->siteUrl($request));
        $feeds = [];
        foreach ($urls as $url) {
            $feed = $this->fetchFeed($url, $lifetime);
            if ($feed !== null) {
                $feeds[] = $feed;
            }
        }
        // "Now" of this request (TYPO3's date aspect; the admin panel can simulate another time).
        $timestamp = (int) GeneralUtility::makeInstance(Context::class)->getPropertyFromAspect('date', 'timestamp', time());
        $view = FallbackRenderer::buildView($feeds, $options, $urls, new DateTimeImmutable('@' . $timestamp));
        $view['options'] = $options;
        $processedData[$as !== '' ? $as : 'w4g'] = $view;
        return $processedData;
    }

    /**
     * The decoded feed from the cache, else fetched. A failed fetch is remembered for two
     * minutes; meanwhile the last good copy (kept a day) is used when there is one.
     *
     * @return array<string, mixed>|null
     */
    private function fetchFeed(string $url, int $lifetime): ?array
    {
        $cache = GeneralUtility::makeInstance(CacheManager::class)->getCache('hash');
        $id = 'w4g_calendar_' . sha1($url);
        $entry = $cache->get($id);
        if (is_array($entry) && array_key_exists('feed', $entry)) {
            return $entry['feed'];
        }
        $feed = null;
        try {
            $response = GeneralUtility::makeInstance(RequestFactory::class)->request($url, 'GET', [
                'headers' => ['Accept' => 'application/json'],
                'timeout' => 10,
                'allow_redirects' => ['max' => 3, 'protocols' => ['http', 'https']],
                'http_errors' => false,
                'stream' => true,
            ]);
            if ($response->getStatusCode() === 200) {
                $body = $response->getBody();
                $text = '';
                while (!$body->eof() && strlen($text) <= self::MAX_BYTES) {
                    $text .= $body->read(65536);
                }
                if (strlen($text) <= self::MAX_BYTES) {
                    $feed = FallbackRenderer::decodeFeed($text, $url);
                }
            }
        } catch (Throwable $e) {
            $feed = null;
        }
        if ($feed !== null) {
            $cache->set($id, ['feed' => $feed], ['w4g_calendar'], $lifetime);
            $cache->set($id . '_stale', ['feed' => $feed], ['w4g_calendar'], 86400);
            return $feed;
        }
        $stale = $cache->get($id . '_stale');
        $feed = is_array($stale) && isset($stale['feed']) ? $stale['feed'] : null;
        $cache->set($id, ['feed' => $feed], ['w4g_calendar'], 120);
        return $feed;
    }

    /** The site language's locale (`de-DE`), when the request has one. */
    private function siteLocale(?object $request): string
    {
        $language = $request !== null && method_exists($request, 'getAttribute') ? $request->getAttribute('language') : null;
        if (is_object($language) && method_exists($language, 'getHreflang')) {
            return (string) $language->getHreflang();
        }
        return 'de';
    }

    /** The site's base URL, to resolve a root-relative feed URL (`/api/events.json`). */
    private function siteUrl(?object $request): ?string
    {
        $params = $request !== null && method_exists($request, 'getAttribute') ? $request->getAttribute('normalizedParams') : null;
        return is_object($params) && method_exists($params, 'getSiteUrl') ? (string) $params->getSiteUrl() : null;
    }
}
