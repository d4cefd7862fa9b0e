<?php
/**
 * The TYPO3 API the w4g_calendar extension uses, reduced to what it calls, so that its
 * DataProcessor and TCA files run without TYPO3 (which cannot be installed in CI). Signatures
 * follow TYPO3 12.4/13.4; RequestFactory does a real HTTP request (PHP's stream wrapper) and
 * honours the Guzzle options the processor passes; the "hash" cache keeps entries in memory
 * and checks identifiers like TYPO3's cache frontend.
 *
 * Input (JSON on stdin):
 *   extDir  the assembled extension (dist/cms/typo3/w4g_calendar)
 *   now     the request time (Unix seconds)
 *   calls   list of {processorConfiguration, flexFormData, hreflang?, siteUrl?}
 * Output: results (processedData per call), requests (HTTP requests made), tca (tt_content
 * after the TCA overrides), staticFiles, icons.
 */

declare(strict_types=1);

namespace TYPO3\CMS\Frontend\ContentObject {
    interface DataProcessorInterface
    {
        public function process(ContentObjectRenderer $cObj, array $contentObjectConfiguration, array $processorConfiguration, array $processedData);
    }

    class ContentObjectRenderer
    {
        public array $data = [];
        private ?object $request;

        public function __construct(?object $request = null)
        {
            $this->request = $request;
        }

        /** As TYPO3's: the value when it is set (even ''), else the default; stdWrap (`key.`) is not part of the harness. */
        public function stdWrapValue(string $key, array $config, $defaultValue = '')
        {
            if (isset($config[$key . '.'])) {
                throw new \RuntimeException("stdWrap on $key is not part of the harness");
            }
            return isset($config[$key]) ? $config[$key] : $defaultValue;
        }

        public function getRequest(): object
        {
            if ($this->request === null) {
                throw new \RuntimeException('no request');
            }
            return $this->request;
        }
    }
}

namespace TYPO3\CMS\Core\Utility {
    class GeneralUtility
    {
        private static array $singletons = [];

        public static function makeInstance(string $className, ...$args): object
        {
            if ($args === [] && isset(self::$singletons[$className])) {
                return self::$singletons[$className];
            }
            $object = new $className(...$args);
            if ($object instanceof \TYPO3\CMS\Core\SingletonInterface) {
                self::$singletons[$className] = $object;
            }
            return $object;
        }
    }

    class ExtensionManagementUtility
    {
        public static array $staticFiles = [];

        public static function addTcaSelectItem(string $table, string $field, array $item, string $relativeToField = '', string $relativePosition = ''): void
        {
            $items = &$GLOBALS['TCA'][$table]['columns'][$field]['config']['items'];
            $position = count($items);
            foreach ($items as $i => $existing) {
                if (($existing['value'] ?? null) === $relativeToField) {
                    $position = $relativePosition === 'before' ? $i : $i + 1;
                }
            }
            array_splice($items, $position, 0, [$item]);
        }

        public static function addPiFlexFormValue(string $piKeyToMatch, string $value, string $CTypeToMatch = 'list'): void
        {
            $GLOBALS['TCA']['tt_content']['columns']['pi_flexform']['config']['ds'][$piKeyToMatch . ',' . $CTypeToMatch] = $value;
        }

        public static function addStaticFile(string $extKey, string $path, string $title): void
        {
            self::$staticFiles[] = ['extKey' => $extKey, 'path' => $path, 'title' => $title];
        }
    }
}

namespace TYPO3\CMS\Core {
    interface SingletonInterface
    {
    }
}

namespace TYPO3\CMS\Core\Context {
    class Context implements \TYPO3\CMS\Core\SingletonInterface
    {
        public static int $timestamp = 0;

        public function getPropertyFromAspect(string $name, string $property, $default = null)
        {
            if ($name !== 'date' || $property !== 'timestamp') {
                throw new \RuntimeException("aspect $name.$property is not part of the harness");
            }
            return self::$timestamp;
        }
    }
}

namespace TYPO3\CMS\Core\Imaging\IconProvider {
    class SvgIconProvider
    {
    }
}

namespace TYPO3\CMS\Core\Cache {
    class MemoryFrontend
    {
        /** @var array<string, array{data: mixed, tags: array, expires: int}> */
        public array $entries = [];

        public function get(string $entryIdentifier)
        {
            $this->check($entryIdentifier);
            $entry = $this->entries[$entryIdentifier] ?? null;
            return $entry === null || $entry['expires'] <= time() ? false : unserialize(serialize($entry['data']));
        }

        public function set(string $entryIdentifier, $data, array $tags = [], ?int $lifetime = null): void
        {
            $this->check($entryIdentifier);
            $this->entries[$entryIdentifier] = ['data' => unserialize(serialize($data)), 'tags' => $tags, 'expires' => time() + ($lifetime ?? 3600)];
        }

        private function check(string $id): void
        {
            if (!preg_match('/^[a-zA-Z0-9_%\-&]{1,250}$/', $id)) {
                throw new \InvalidArgumentException("invalid cache entry identifier \"$id\"");
            }
        }
    }

    class CacheManager implements \TYPO3\CMS\Core\SingletonInterface
    {
        private array $caches = [];

        public function getCache(string $identifier): MemoryFrontend
        {
            if (!in_array($identifier, ['hash', 'pages', 'runtime'], true)) {
                throw new \RuntimeException("no cache \"$identifier\"");
            }
            return $this->caches[$identifier] ??= new MemoryFrontend();
        }
    }
}

namespace TYPO3\CMS\Core\Http {
    class Stream
    {
        private string $data;
        private int $position = 0;

        public function __construct(string $data)
        {
            $this->data = $data;
        }

        public function eof(): bool
        {
            return $this->position >= strlen($this->data);
        }

        public function read(int $length): string
        {
            $chunk = substr($this->data, $this->position, $length);
            $this->position += strlen($chunk);
            return $chunk;
        }
    }

    class Response
    {
        private int $status;
        private Stream $body;

        public function __construct(int $status, string $body)
        {
            $this->status = $status;
            $this->body = new Stream($body);
        }

        public function getStatusCode(): int
        {
            return $this->status;
        }

        public function getBody(): Stream
        {
            return $this->body;
        }
    }

    class RequestFactory
    {
        public static int $requests = 0;

        public function request(string $uri, string $method = 'GET', array $options = []): Response
        {
            $known = ['headers', 'timeout', 'allow_redirects', 'http_errors', 'stream'];
            foreach (array_keys($options) as $name) {
                if (!in_array($name, $known, true)) {
                    throw new \RuntimeException("Guzzle option $name is not part of the harness");
                }
            }
            self::$requests++;
            $headers = [];
            foreach ($options['headers'] ?? [] as $name => $value) {
                $headers[] = "$name: $value";
            }
            $redirects = $options['allow_redirects'] ?? true;
            $context = stream_context_create(['http' => [
                'method' => $method,
                'header' => implode("\r\n", $headers),
                'timeout' => (float) ($options['timeout'] ?? 0),
                'follow_location' => $redirects === false ? 0 : 1,
                'max_redirects' => is_array($redirects) ? (int) ($redirects['max'] ?? 5) : 5,
                'ignore_errors' => true,
            ]]);
            $http_response_header = [];
            $body = @file_get_contents($uri, false, $context);
            if ($body === false) {
                // Guzzle's ConnectException.
                throw new \RuntimeException("cURL error 7: could not connect to $uri");
            }
            $status = 0;
            foreach ($http_response_header as $line) {
                if (preg_match('~^HTTP/\S+\s+(\d{3})~', $line, $m)) {
                    $status = (int) $m[1];
                }
            }
            if (($options['http_errors'] ?? true) && $status >= 400) {
                throw new \RuntimeException("Guzzle RequestException: $status");
            }
            return new Response($status, $body);
        }
    }
}

namespace {
    date_default_timezone_set('America/New_York');
    $input = json_decode((string) stream_get_contents(STDIN), true, 512, JSON_THROW_ON_ERROR);

    define('TYPO3', true);
    // The request time (TYPO3 sets the date aspect from $GLOBALS['EXEC_TIME']).
    \TYPO3\CMS\Core\Context\Context::$timestamp = (int) ($input['now'] ?? time());
    $extDir = rtrim($input['extDir'], '/');

    // PSR-4 autoloading as composer.json declares it.
    $composer = json_decode((string) file_get_contents("$extDir/composer.json"), true, 512, JSON_THROW_ON_ERROR);
    spl_autoload_register(static function (string $class) use ($composer, $extDir): void {
        foreach ($composer['autoload']['psr-4'] as $prefix => $dir) {
            if (strpos($class, $prefix) === 0) {
                $file = $extDir . '/' . $dir . str_replace('\\', '/', substr($class, strlen($prefix))) . '.php';
                if (is_file($file)) {
                    require $file;
                }
            }
        }
    });

    $GLOBALS['TCA']['tt_content'] = [
        'ctrl' => ['typeicon_classes' => []],
        'columns' => [
            'CType' => ['config' => ['items' => [['label' => 'Text', 'value' => 'text'], ['label' => 'HTML', 'value' => 'html'], ['label' => 'Divider', 'value' => 'div']]]],
            'pi_flexform' => ['config' => ['type' => 'flex', 'ds' => []]],
        ],
        'types' => [],
    ];
    foreach (glob("$extDir/Configuration/TCA/Overrides/*.php") as $file) {
        require $file;
    }
    $icons = require "$extDir/Configuration/Icons.php";

    final class HarnessLanguage
    {
        private string $hreflang;

        public function __construct(string $hreflang)
        {
            $this->hreflang = $hreflang;
        }

        public function getHreflang(): string
        {
            return $this->hreflang;
        }
    }

    final class HarnessNormalizedParams
    {
        private string $siteUrl;

        public function __construct(string $siteUrl)
        {
            $this->siteUrl = $siteUrl;
        }

        public function getSiteUrl(): string
        {
            return $this->siteUrl;
        }
    }

    final class HarnessRequest
    {
        private array $attributes;

        public function __construct(array $attributes)
        {
            $this->attributes = $attributes;
        }

        public function getAttribute(string $name, $default = null)
        {
            return $this->attributes[$name] ?? $default;
        }
    }

    $results = [];
    foreach ($input['calls'] as $call) {
        $request = new HarnessRequest([
            'language' => new HarnessLanguage($call['hreflang'] ?? 'de-DE'),
            'normalizedParams' => new HarnessNormalizedParams($call['siteUrl'] ?? 'https://www.example.org/'),
        ]);
        $cObj = new \TYPO3\CMS\Frontend\ContentObject\ContentObjectRenderer($request);
        $data = ['uid' => 7, 'CType' => 'w4g_calendar', 'header' => 'Termine'];
        $cObj->data = $data;
        $processor = \TYPO3\CMS\Core\Utility\GeneralUtility::makeInstance(\Wir4Gemeinsam\W4gCalendar\DataProcessing\CalendarProcessor::class);
        if (!$processor instanceof \TYPO3\CMS\Frontend\ContentObject\DataProcessorInterface) {
            throw new RuntimeException('CalendarProcessor does not implement DataProcessorInterface');
        }
        // What FlexFormProcessor (dataProcessing.10) leaves for it.
        $processed = $processor->process($cObj, [], $call['processorConfiguration'], ['data' => $data, 'flexFormData' => $call['flexFormData']]);
        $results[] = $processed;
    }

    echo json_encode([
        'results' => $results,
        'requests' => \TYPO3\CMS\Core\Http\RequestFactory::$requests,
        'tca' => $GLOBALS['TCA']['tt_content'],
        'staticFiles' => \TYPO3\CMS\Core\Utility\ExtensionManagementUtility::$staticFiles,
        'icons' => $icons,
    ], JSON_THROW_ON_ERROR | JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE);
}
