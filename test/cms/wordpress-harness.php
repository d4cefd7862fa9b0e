<?php
/**
 * A minimal WordPress for the plugin test: the functions w4g-calendar calls, each written to
 * behave like WordPress's own (escaping, shortcode parsing, block attribute defaults,
 * wp_safe_remote_get's URL checks, transients with expiry), and nothing else, so that a call
 * to anything the harness does not know fails loudly.
 *
 * Input (JSON on stdin):
 *   pluginDir       the assembled plugin (dist/cms/wordpress/w4g-calendar)
 *   options         get_option values
 *   locale          get_locale() (default de_DE)
 *   scriptModules   false: act as WordPress < 6.5 (no wp_enqueue_script_module)
 *   allowLocalFeeds true: add the filters a site owner adds for a feed on 127.0.0.1
 *                   (http_request_host_is_external, http_allowed_safe_ports)
 *   calls           list of {shortcode: "[…]"} | {block: {…attributes}} | {sanitize: "…"}
 *                   | {settingsPage: true} | {advance: seconds} | {moduleTag: true}
 * Output (JSON on stdout): results (one per call), modules, scripts, blockTypes, shortcodes,
 * settings.
 */

declare(strict_types=1);

// The server's zone is never used by the plugin: a wrong default here must not show.
date_default_timezone_set('America/New_York');

$input = json_decode((string) stream_get_contents(STDIN), true, 512, JSON_THROW_ON_ERROR);

define('ABSPATH', '/var/www/html/');
define('MINUTE_IN_SECONDS', 60);
define('HOUR_IN_SECONDS', 3600);
define('DAY_IN_SECONDS', 86400);
define('MB_IN_BYTES', 1048576);

final class Harness
{
    /** @var array<string, array<int, list<array{0: callable, 1: int}>>> */
    public static array $hooks = [];
    /** @var array<string, callable> */
    public static array $shortcodes = [];
    /** @var array<string, array{value: mixed, expires: int}> */
    public static array $transients = [];
    public static array $options = [];
    public static string $locale = 'de_DE';
    public static int $clock = 0;
    public static array $modules = [];
    public static array $scripts = [];
    public static array $blockTypes = [];
    public static array $settings = [];
    public static array $currentBlock = [];

    public static function now(): int
    {
        return time() + self::$clock;
    }
}

Harness::$options = $input['options'] ?? [];
Harness::$locale = $input['locale'] ?? 'de_DE';

final class WP_Error
{
    private string $code;
    private string $message;

    public function __construct(string $code = '', string $message = '')
    {
        $this->code = $code;
        $this->message = $message;
    }

    public function get_error_code(): string
    {
        return $this->code;
    }

    public function get_error_message(): string
    {
        return $this->message;
    }
}

// --- hooks ------------------------------------------------------------------------------

function add_filter(string $hook, $callback, int $priority = 10, int $accepted_args = 1): bool
{
    Harness::$hooks[$hook][$priority][] = [$callback, $accepted_args];
    return true;
}

function add_action(string $hook, $callback, int $priority = 10, int $accepted_args = 1): bool
{
    return add_filter($hook, $callback, $priority, $accepted_args);
}

function apply_filters(string $hook, $value, ...$args)
{
    $byPriority = Harness::$hooks[$hook] ?? [];
    ksort($byPriority);
    foreach ($byPriority as $callbacks) {
        foreach ($callbacks as [$callback, $accepted]) {
            $value = $callback(...array_slice(array_merge([$value], $args), 0, $accepted));
        }
    }
    return $value;
}

function do_action(string $hook, ...$args): void
{
    $byPriority = Harness::$hooks[$hook] ?? [];
    ksort($byPriority);
    foreach ($byPriority as $callbacks) {
        foreach ($callbacks as [$callback, $accepted]) {
            $callback(...array_slice($args, 0, $accepted));
        }
    }
}

// --- i18n, options, URLs ------------------------------------------------------------------

function __(string $text, string $domain = 'default'): string
{
    return $text;
}

function esc_html__(string $text, string $domain = 'default'): string
{
    return esc_html($text);
}

function get_option(string $name, $default = false)
{
    return array_key_exists($name, Harness::$options) ? Harness::$options[$name] : $default;
}

function get_locale(): string
{
    return Harness::$locale;
}

function home_url(string $path = ''): string
{
    return 'https://www.example.org/' . ltrim($path, '/');
}

function plugins_url(string $path = '', string $plugin = ''): string
{
    return 'https://www.example.org/wp-content/plugins/' . basename(dirname($plugin)) . '/' . ltrim($path, '/');
}

// --- escaping (as wp-includes/formatting.php) ----------------------------------------------

/** _wp_specialchars with ENT_QUOTES: existing entities are not encoded twice, invalid UTF-8 gives ''. */
function _harness_specialchars(string $text): string
{
    if ($text === '') {
        return '';
    }
    if (!preg_match('//u', $text)) {
        return '';
    }
    return htmlspecialchars($text, ENT_QUOTES, 'UTF-8', false);
}

function esc_html($text): string
{
    return _harness_specialchars((string) $text);
}

function esc_attr($text): string
{
    return _harness_specialchars((string) $text);
}

function wp_allowed_protocols(): array
{
    return ['http', 'https', 'ftp', 'ftps', 'mailto', 'news', 'irc', 'irc6', 'ircs', 'gopher', 'nntp', 'feed', 'telnet', 'mms', 'rtsp', 'sms', 'svn', 'tel', 'fax', 'xmpp', 'webcal', 'urn'];
}

function esc_url($url, ?array $protocols = null, string $_context = 'display'): string
{
    $url = (string) $url;
    if ($url === '') {
        return '';
    }
    $url = str_replace(' ', '%20', ltrim($url));
    $url = (string) preg_replace('|[^a-z0-9-~+_.?#=!&;,/:%@$\|*\'()\[\]\\x80-\\xff]|i', '', $url);
    if ($url === '') {
        return '';
    }
    if (strpos($url, ':') === false && !in_array($url[0], ['/', '#', '?'], true) && !preg_match('/^[a-z0-9-]+?\.php/i', $url)) {
        $url = 'http://' . $url;
    }
    $protocols = $protocols ?? wp_allowed_protocols();
    // wp_kses_bad_protocol: the scheme (before the first colon, if it comes before any / ? #) must be allowed.
    if (preg_match('/^([^\/?#:]+):/', $url, $m) && !in_array(strtolower($m[1]), $protocols, true)) {
        return '';
    }
    if ($_context === 'display') {
        $url = str_replace('&amp;', '&#038;', $url);
        $url = str_replace("'", '&#039;', $url);
    }
    return $url;
}

function esc_url_raw($url, ?array $protocols = null): string
{
    return esc_url($url, $protocols, 'db');
}

// --- shortcodes (as wp-includes/shortcodes.php, for self-closing shortcodes) ------------------

function add_shortcode(string $tag, callable $callback): void
{
    Harness::$shortcodes[$tag] = $callback;
}

function shortcode_parse_atts(string $text)
{
    $atts = [];
    $pattern = '/([\w-]+)\s*=\s*"([^"]*)"(?:\s|$)|([\w-]+)\s*=\s*\'([^\']*)\'(?:\s|$)|([\w-]+)\s*=\s*([^\s\'"]+)(?:\s|$)|"([^"]*)"(?:\s|$)|\'([^\']*)\'(?:\s|$)|(\S+)(?:\s|$)/';
    $text = (string) preg_replace("/[\x{00a0}\x{200b}]+/u", ' ', $text);
    if (preg_match_all($pattern, $text, $match, PREG_SET_ORDER)) {
        foreach ($match as $m) {
            if (!empty($m[1])) {
                $atts[strtolower($m[1])] = stripcslashes($m[2]);
            } elseif (!empty($m[3])) {
                $atts[strtolower($m[3])] = stripcslashes($m[4]);
            } elseif (!empty($m[5])) {
                $atts[strtolower($m[5])] = stripcslashes($m[6]);
            } elseif (isset($m[7]) && strlen($m[7])) {
                $atts[] = stripcslashes($m[7]);
            } elseif (isset($m[8]) && strlen($m[8])) {
                $atts[] = stripcslashes($m[8]);
            } elseif (isset($m[9])) {
                $atts[] = stripcslashes($m[9]);
            }
        }
        // Reject any unclosed HTML elements.
        foreach ($atts as &$value) {
            if (strpos($value, '<') !== false && preg_match('/^[^<]*+(?:<[^>]*+>[^<]*+)*+$/', $value) !== 1) {
                $value = '';
            }
        }
        unset($value);
        return $atts;
    }
    return ltrim($text);
}

function shortcode_atts(array $pairs, $atts, string $shortcode = ''): array
{
    $atts = (array) $atts;
    $out = [];
    foreach ($pairs as $name => $default) {
        $out[$name] = array_key_exists($name, $atts) ? $atts[$name] : $default;
    }
    return $shortcode !== '' ? apply_filters("shortcode_atts_{$shortcode}", $out, $pairs, $atts, $shortcode) : $out;
}

function do_shortcode(string $content): string
{
    $tags = implode('|', array_map('preg_quote', array_keys(Harness::$shortcodes)));
    if ($tags === '') {
        return $content;
    }
    return (string) preg_replace_callback('/\[(' . $tags . ')(?![\w-])([^\]\/]*(?:\/(?!\])[^\]\/]*)*?)(?:\/)?\]/', static function (array $m): string {
        $atts = shortcode_parse_atts(trim($m[2]));
        return (string) call_user_func(Harness::$shortcodes[$m[1]], $atts === [] || is_string($atts) ? '' : $atts, null, $m[1]);
    }, $content);
}

// --- blocks ---------------------------------------------------------------------------------

function register_block_type(string $path, array $args = [])
{
    $metadata = json_decode((string) file_get_contents(rtrim($path, '/') . '/block.json'), true, 512, JSON_THROW_ON_ERROR);
    foreach ((array) ($metadata['editorScript'] ?? []) as $script) {
        if (strpos($script, 'file:') === 0) {
            $file = rtrim($path, '/') . '/' . substr($script, 7);
            if (!is_file($file)) {
                throw new RuntimeException("editorScript $file is missing");
            }
            $asset = substr($file, 0, -3) . '.asset.php';
            $metadata['editorScriptAsset'] = is_file($asset) ? require $asset : null;
        }
    }
    Harness::$blockTypes[$metadata['name']] = array_merge($metadata, $args);
    return (object) Harness::$blockTypes[$metadata['name']];
}

/** As WP_Block_Type::prepare_attributes_for_render: invalid values are dropped, defaults filled in. */
function _harness_render_block(string $name, array $attributes): string
{
    $type = Harness::$blockTypes[$name] ?? null;
    if ($type === null) {
        throw new RuntimeException("block $name is not registered");
    }
    $prepared = [];
    foreach ($type['attributes'] as $key => $schema) {
        $value = $attributes[$key] ?? null;
        $valid = $value !== null && _harness_valid($value, $schema);
        if ($valid) {
            $prepared[$key] = $value;
        } elseif (array_key_exists('default', $schema)) {
            $prepared[$key] = $schema['default'];
        }
    }
    foreach ($attributes as $key => $value) {
        if (!isset($type['attributes'][$key])) {
            $prepared[$key] = $value;
        }
    }
    Harness::$currentBlock = ['name' => $name, 'attributes' => $prepared];
    $html = (string) call_user_func($type['render_callback'], $prepared, '', null);
    Harness::$currentBlock = [];
    return $html;
}

function _harness_valid($value, array $schema): bool
{
    $ok = true;
    switch ($schema['type'] ?? 'string') {
        case 'string':
            $ok = is_string($value);
            break;
        case 'integer':
            $ok = is_int($value);
            break;
        case 'number':
            $ok = is_int($value) || is_float($value);
            break;
        case 'boolean':
            $ok = is_bool($value);
            break;
    }
    return $ok && (!isset($schema['enum']) || in_array($value, $schema['enum'], true));
}

function get_block_wrapper_attributes(array $extra = []): string
{
    $name = Harness::$currentBlock['name'] ?? '';
    $classes = ['wp-block-' . str_replace('/', '-', preg_replace('/^core\//', '', $name))];
    $align = Harness::$currentBlock['attributes']['align'] ?? '';
    if (is_string($align) && in_array($align, ['wide', 'full'], true)) {
        $classes[] = 'align' . $align;
    }
    if (isset($extra['class'])) {
        $classes[] = $extra['class'];
    }
    return 'class="' . esc_attr(implode(' ', $classes)) . '"';
}

// --- scripts --------------------------------------------------------------------------------

if (($input['scriptModules'] ?? true) !== false) {
    function wp_enqueue_script_module(string $id, string $src = '', array $deps = [], $version = false): void
    {
        Harness::$modules[$id] = ['src' => $src, 'deps' => $deps, 'version' => $version];
    }
}

function wp_enqueue_script(string $handle, string $src = '', array $deps = [], $ver = false, $in_footer = false): void
{
    Harness::$scripts[$handle] = ['src' => $src, 'deps' => $deps, 'version' => $ver, 'inFooter' => $in_footer];
}

// --- HTTP (as wp-includes/http.php; real requests through PHP's stream wrapper) --------------------

/** wp_http_validate_url: http(s) only, no private or loopback hosts, ports 80/443/8080, unless filters allow. */
function wp_http_validate_url(string $url)
{
    $parts = parse_url($url);
    if (!is_array($parts) || !isset($parts['host']) || !in_array($parts['scheme'] ?? '', ['http', 'https'], true)) {
        return false;
    }
    $host = trim($parts['host'], '.');
    $ip = filter_var($host, FILTER_VALIDATE_IP) ? $host : gethostbyname($host);
    if (filter_var($ip, FILTER_VALIDATE_IP, FILTER_FLAG_NO_PRIV_RANGE | FILTER_FLAG_NO_RES_RANGE) === false) {
        if (!apply_filters('http_request_host_is_external', false, $host, $url)) {
            return false;
        }
    }
    $port = $parts['port'] ?? ($parts['scheme'] === 'https' ? 443 : 80);
    $allowed = apply_filters('http_allowed_safe_ports', [80, 443, 8080], $host, $url);
    return is_array($allowed) && in_array($port, $allowed, true) ? $url : false;
}

function wp_remote_get(string $url, array $args = [])
{
    if (!empty($args['reject_unsafe_urls']) && wp_http_validate_url($url) === false) {
        return new WP_Error('http_request_not_executed', 'A valid URL was not provided.');
    }
    $headers = [];
    foreach ($args['headers'] ?? [] as $name => $value) {
        $headers[] = "$name: $value";
    }
    $context = stream_context_create([
        'http' => [
            'method' => 'GET',
            'header' => implode("\r\n", $headers),
            'timeout' => (float) ($args['timeout'] ?? 5),
            'follow_location' => ($args['redirection'] ?? 5) > 0 ? 1 : 0,
            'max_redirects' => max(1, (int) ($args['redirection'] ?? 5)),
            'ignore_errors' => true,
        ],
    ]);
    $limit = isset($args['limit_response_size']) ? (int) $args['limit_response_size'] : null;
    $http_response_header = [];
    $body = @file_get_contents($url, false, $context, 0, $limit);
    if ($body === false) {
        return new WP_Error('http_request_failed', 'Could not connect.');
    }
    $code = 0;
    foreach ($http_response_header as $line) {
        if (preg_match('~^HTTP/\S+\s+(\d{3})~', $line, $m)) {
            $code = (int) $m[1];
        }
    }
    return ['response' => ['code' => $code, 'message' => ''], 'body' => $body, 'headers' => $http_response_header];
}

function wp_safe_remote_get(string $url, array $args = [])
{
    $args['reject_unsafe_urls'] = true;
    return wp_remote_get($url, $args);
}

function is_wp_error($thing): bool
{
    return $thing instanceof WP_Error;
}

function wp_remote_retrieve_response_code($response)
{
    return is_wp_error($response) || !isset($response['response']['code']) ? '' : $response['response']['code'];
}

function wp_remote_retrieve_body($response): string
{
    return is_wp_error($response) || !isset($response['body']) ? '' : $response['body'];
}

// --- transients (in memory, with expiry on the harness clock) --------------------------------------

function get_transient(string $name)
{
    $entry = Harness::$transients[$name] ?? null;
    if ($entry === null || ($entry['expires'] !== 0 && $entry['expires'] <= Harness::now())) {
        unset(Harness::$transients[$name]);
        return false;
    }
    return unserialize(serialize($entry['value']));
}

function set_transient(string $name, $value, int $expiration = 0): bool
{
    if (strlen($name) > 172) {
        throw new RuntimeException("transient name too long: $name");
    }
    Harness::$transients[$name] = ['value' => unserialize(serialize($value)), 'expires' => $expiration > 0 ? Harness::now() + $expiration : 0];
    return true;
}

// --- admin ------------------------------------------------------------------------------------

function register_setting(string $group, string $name, array $args = []): void
{
    Harness::$settings[$name] = ['group' => $group] + $args;
}

function add_settings_section(string $id, string $title, $callback, string $page): void
{
    Harness::$settings['sections'][$page][$id] = ['title' => $title, 'callback' => $callback];
}

function add_settings_field(string $id, string $title, $callback, string $page, string $section = 'default', array $args = []): void
{
    Harness::$settings['fields'][$page][$section][$id] = ['title' => $title, 'callback' => $callback, 'args' => $args];
}

function add_options_page(string $page_title, string $menu_title, string $capability, string $slug, $callback = '')
{
    Harness::$settings['page'] = compact('page_title', 'menu_title', 'capability', 'slug', 'callback');
    return 'settings_page_' . $slug;
}

function current_user_can(string $capability): bool
{
    return $capability === 'manage_options';
}

function get_admin_page_title(): string
{
    return Harness::$settings['page']['page_title'] ?? '';
}

function settings_fields(string $group): void
{
    echo '<input type="hidden" name="option_page" value="' . esc_attr($group) . '">';
}

function do_settings_sections(string $page): void
{
    foreach (Harness::$settings['sections'][$page] ?? [] as $id => $section) {
        echo '<h2>' . esc_html($section['title']) . '</h2>';
        call_user_func($section['callback'], $section);
        echo '<table class="form-table" role="presentation">';
        foreach (Harness::$settings['fields'][$page][$id] ?? [] as $field) {
            echo '<tr><th scope="row"><label for="' . esc_attr($field['args']['label_for'] ?? '') . '">' . esc_html($field['title']) . '</label></th><td>';
            call_user_func($field['callback'], $field['args']);
            echo '</td></tr>';
        }
        echo '</table>';
    }
}

function submit_button(): void
{
    echo '<p class="submit"><input type="submit" name="submit" id="submit" class="button button-primary" value="Änderungen speichern"></p>';
}

// --- run ----------------------------------------------------------------------------------------

if (!empty($input['allowLocalFeeds'])) {
    add_filter('http_request_host_is_external', static function ($external, $host) {
        return $external || $host === '127.0.0.1';
    }, 10, 2);
    add_filter('http_allowed_safe_ports', static function ($ports, $host) {
        return $host === '127.0.0.1' ? array_merge($ports, (array) ($GLOBALS['input']['allowLocalFeeds'])) : $ports;
    }, 10, 2);
}

require $input['pluginDir'] . '/w4g-calendar.php';
do_action('plugins_loaded');
do_action('init');
do_action('admin_init');
do_action('admin_menu');

$results = [];
foreach ($input['calls'] as $call) {
    if (isset($call['shortcode'])) {
        $results[] = do_shortcode($call['shortcode']);
    } elseif (isset($call['block'])) {
        $results[] = _harness_render_block('w4g/calendar', $call['block']);
    } elseif (array_key_exists('sanitize', $call)) {
        $results[] = call_user_func(Harness::$settings['w4g_calendar_feed_url']['sanitize_callback'], $call['sanitize']);
    } elseif (isset($call['settingsPage'])) {
        ob_start();
        call_user_func(Harness::$settings['page']['callback']);
        $results[] = ob_get_clean();
    } elseif (isset($call['advance'])) {
        Harness::$clock += (int) $call['advance'];
        $results[] = null;
    } elseif (isset($call['moduleTag'])) {
        // What WordPress < 6.5 prints for an enqueued script, through the script_loader_tag filter.
        $script = Harness::$scripts['w4g-calendar'];
        $src = $script['src'] . '?ver=' . $script['version'];
        $results[] = apply_filters('script_loader_tag', "<script src=\"$src\" id=\"w4g-calendar-js\"></script>\n", 'w4g-calendar', $src);
    } else {
        throw new RuntimeException('unknown call ' . json_encode($call));
    }
}

echo json_encode([
    'results' => $results,
    'modules' => Harness::$modules,
    'scripts' => Harness::$scripts,
    'blockTypes' => array_map(static function (array $t): array {
        unset($t['render_callback']);
        return $t;
    }, Harness::$blockTypes),
    'shortcodes' => array_keys(Harness::$shortcodes),
    'settingsPage' => Harness::$settings['page'] ?? null,
    'transients' => array_keys(Harness::$transients),
], JSON_THROW_ON_ERROR | JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE);
