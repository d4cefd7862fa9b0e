<?php
/**
 * Calls the shared FallbackRenderer directly (no CMS): decodeFeed for each feed, then
 * buildView. The server's default zone is New York on purpose: the renderer must not use it.
 *
 * Input (JSON on stdin): renderer (path of FallbackRenderer.php), feeds ([{body, url}]),
 * options (raw wrapper attributes), siteLocale, src, siteUrl, now (ISO 8601 with offset, optional).
 * Output: {view, urls, decoded: [bool per feed], attributes}.
 */

declare(strict_types=1);

date_default_timezone_set('America/New_York');
$input = json_decode((string) stream_get_contents(STDIN), true, 512, JSON_THROW_ON_ERROR);
require $input['renderer'];

use Wir4Gemeinsam\W4gCalendar\Fallback\FallbackRenderer;

$options = FallbackRenderer::normalizeOptions($input['options'] ?? [], $input['defaultSrc'] ?? '', $input['siteLocale'] ?? 'de');
$urls = FallbackRenderer::feedUrls($options['src'], $input['siteUrl'] ?? null);
$feeds = [];
$decoded = [];
foreach ($input['feeds'] ?? [] as $feed) {
    $result = FallbackRenderer::decodeFeed($feed['body'], $feed['url']);
    $decoded[] = $result !== null;
    if ($result !== null) {
        $feeds[] = $result;
    }
}
$now = isset($input['now']) ? new DateTimeImmutable($input['now']) : null;
echo json_encode([
    'options' => $options,
    'urls' => $urls,
    'decoded' => $decoded,
    'attributes' => FallbackRenderer::elementAttributes($options),
    'view' => FallbackRenderer::buildView($feeds, $options, $urls, $now),
    'safeUrls' => array_map(static function ($u) {
        return FallbackRenderer::safeUrl($u[0], $u[1] ?? null);
    }, $input['safeUrls'] ?? []),
], JSON_THROW_ON_ERROR | JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE);
