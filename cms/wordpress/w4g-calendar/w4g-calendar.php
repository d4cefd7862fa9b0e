<?php
/**
 * Plugin Name:       w4g-calendar
 * Description:       Regionaler Veranstaltungskalender (Wir4Gemeinsam): Shortcode [w4g_calendar] und Block „Veranstaltungskalender“ mit den w4g-Web-Components, dazu eine serverseitige Terminliste und schema.org-Daten für Besucher ohne JavaScript und Suchmaschinen.
 * Version:           0.1.0
 * Requires at least: 6.3
 * Requires PHP:      7.4
 * Author:            Wir4Gemeinsam
 * License:           MIT
 * License URI:       https://opensource.org/licenses/MIT
 * Text Domain:       w4g-calendar
 *
 * @package w4g-calendar
 */

use Wir4Gemeinsam\W4gCalendar\Fallback\FallbackRenderer;

defined( 'ABSPATH' ) || exit;

define( 'W4G_CALENDAR_VERSION', '0.1.0' );
define( 'W4G_CALENDAR_FILE', __FILE__ );
define( 'W4G_CALENDAR_OPTION', 'w4g_calendar_feed_url' );

// Copied from cms/php/FallbackRenderer.php by `node cms/build.mjs`.
require_once __DIR__ . '/lib/FallbackRenderer.php';

add_action( 'init', 'w4g_calendar_init' );
add_action( 'admin_init', 'w4g_calendar_register_settings' );
add_action( 'admin_menu', 'w4g_calendar_admin_menu' );
add_filter( 'script_loader_tag', 'w4g_calendar_module_tag', 10, 3 );

/** Registers the shortcode and the dynamic block (attributes and editor script come from block/block.json). */
function w4g_calendar_init() {
	add_shortcode( 'w4g_calendar', 'w4g_calendar_shortcode' );
	register_block_type(
		__DIR__ . '/block',
		array( 'render_callback' => 'w4g_calendar_render_block' )
	);
}

/**
 * [w4g_calendar view="list|grid" src="…" town="…" organizer="…" category="…" limit="20" locale="de" today="YYYY-MM-DD" from="YYYY-MM-DD" to="YYYY-MM-DD"]
 *
 * `from` and `to` (list only): the first and the last day shown; `to` is inclusive
 * (`to="2026-12-31"` shows New Year's Eve).
 *
 * @param array|string $atts Shortcode attributes ('' when there are none).
 * @return string
 */
function w4g_calendar_shortcode( $atts ) {
	$atts = shortcode_atts(
		array(
			'view'      => 'list',
			'src'       => '',
			'town'      => '',
			'organizer' => '',
			'category'  => '',
			'limit'     => (string) FallbackRenderer::DEFAULT_LIMIT,
			'locale'    => '',
			'today'     => '',
			'from'      => '',
			'to'        => '',
		),
		is_array( $atts ) ? $atts : array(),
		'w4g_calendar'
	);
	return w4g_calendar_render( $atts );
}

/**
 * Render callback of the block `w4g/calendar`: the same output in the block's wrapper.
 *
 * @param array  $attributes Block attributes (with the defaults of block.json).
 * @param string $content    Inner content (none: the block is dynamic).
 * @return string
 */
function w4g_calendar_render_block( $attributes, $content = '' ) {
	unset( $content );
	return '<div ' . get_block_wrapper_attributes() . '>' . w4g_calendar_render( is_array( $attributes ) ? $attributes : array() ) . '</div>';
}

/**
 * The element with the server-side fallback (event list and JSON-LD) in its light DOM.
 *
 * @param array $atts view, src, town, organizer, category, limit, locale, today, from, to.
 * @return string
 */
function w4g_calendar_render( array $atts ) {
	$options = FallbackRenderer::normalizeOptions( $atts, (string) get_option( W4G_CALENDAR_OPTION, '' ), (string) get_locale() );
	$urls    = FallbackRenderer::feedUrls( $options['src'], home_url( '/' ) );
	$feeds   = array();
	foreach ( $urls as $url ) {
		$feed = w4g_calendar_fetch_feed( $url );
		if ( null !== $feed ) {
			$feeds[] = $feed;
		}
	}
	$view       = FallbackRenderer::buildView( $feeds, $options, $urls );
	$attributes = FallbackRenderer::elementAttributes( $options );
	w4g_calendar_enqueue_bundle();

	ob_start();
	include __DIR__ . '/templates/calendar.php';
	return (string) ob_get_clean();
}

/**
 * One JSON feed, decoded, from the transient cache or fetched with wp_safe_remote_get.
 * A failed fetch is remembered for two minutes (the page does not wait for a dead server on
 * every view); meanwhile the last good copy (kept a day) is used when there is one.
 *
 * @param string $url Absolute http(s) URL.
 * @return array|null The decoded feed, or null when it could not be read.
 */
function w4g_calendar_fetch_feed( $url ) {
	$key    = 'w4g_calendar_' . md5( $url );
	$cached = get_transient( $key );
	if ( is_array( $cached ) && array_key_exists( 'feed', $cached ) ) {
		return $cached['feed'];
	}
	$response = wp_safe_remote_get(
		$url,
		array(
			'timeout'             => 10,
			'redirection'         => 3,
			'limit_response_size' => 5 * MB_IN_BYTES,
			'headers'             => array( 'Accept' => 'application/json' ),
		)
	);
	$feed = null;
	if ( ! is_wp_error( $response ) && 200 === (int) wp_remote_retrieve_response_code( $response ) ) {
		$feed = FallbackRenderer::decodeFeed( (string) wp_remote_retrieve_body( $response ), $url );
	}
	if ( null !== $feed ) {
		$seconds = (int) apply_filters( 'w4g_calendar_cache_seconds', 15 * MINUTE_IN_SECONDS, $url );
		set_transient( $key, array( 'feed' => $feed ), max( 60, $seconds ) );
		set_transient( $key . '_stale', array( 'feed' => $feed ), DAY_IN_SECONDS );
		return $feed;
	}
	$stale = get_transient( $key . '_stale' );
	$feed  = is_array( $stale ) && isset( $stale['feed'] ) ? $stale['feed'] : null;
	set_transient( $key, array( 'feed' => $feed ), 2 * MINUTE_IN_SECONDS );
	return $feed;
}

/** Loads the bundle as an ES module: the Script Modules API (WordPress 6.5+), else a script tag made type="module". */
function w4g_calendar_enqueue_bundle() {
	$src = plugins_url( 'assets/w4g-calendar.js', W4G_CALENDAR_FILE );
	if ( function_exists( 'wp_enqueue_script_module' ) ) {
		wp_enqueue_script_module( 'w4g-calendar', $src, array(), W4G_CALENDAR_VERSION );
		return;
	}
	wp_enqueue_script( 'w4g-calendar', $src, array(), W4G_CALENDAR_VERSION, true );
}

/**
 * Before WordPress 6.5: the bundle's classic script tag as a module tag.
 *
 * @param string $tag    The tag WordPress built.
 * @param string $handle Script handle.
 * @param string $src    Script URL.
 * @return string
 */
function w4g_calendar_module_tag( $tag, $handle, $src ) {
	if ( 'w4g-calendar' !== $handle ) {
		return $tag;
	}
	return '<script type="module" src="' . esc_url( $src ) . '" id="w4g-calendar-js"></script>' . "\n";
}

/** The default feed URL (Settings → w4g-Kalender), used when a shortcode or block has no `src`. */
function w4g_calendar_register_settings() {
	register_setting(
		'w4g_calendar',
		W4G_CALENDAR_OPTION,
		array(
			'type'              => 'string',
			'default'           => '',
			'sanitize_callback' => 'w4g_calendar_sanitize_feed_url',
			'show_in_rest'      => false,
		)
	);
	add_settings_section( 'w4g_calendar_main', __( 'Veranstaltungs-Feed', 'w4g-calendar' ), 'w4g_calendar_section_text', 'w4g-calendar' );
	add_settings_field(
		W4G_CALENDAR_OPTION,
		__( 'Standard-Feed-URL', 'w4g-calendar' ),
		'w4g_calendar_field_feed_url',
		'w4g-calendar',
		'w4g_calendar_main',
		array( 'label_for' => W4G_CALENDAR_OPTION )
	);
}

/**
 * Keeps http(s) URLs (or root-relative paths) only, separated by single spaces.
 *
 * @param mixed $value Submitted value.
 * @return string
 */
function w4g_calendar_sanitize_feed_url( $value ) {
	$urls = array();
	foreach ( preg_split( '/\s+/', trim( is_string( $value ) ? $value : '' ) ) as $part ) {
		$url = esc_url_raw( $part, array( 'http', 'https' ) );
		if ( '' !== $url ) {
			$urls[] = $url;
		}
	}
	return implode( ' ', array_slice( $urls, 0, FallbackRenderer::MAX_FEEDS ) );
}

/** Settings section intro. */
function w4g_calendar_section_text() {
	echo '<p>' . esc_html__( 'Der JSON-Feed des regionalen Kalenders, z. B. https://kalender.example.org/api/events.json. Shortcodes und Blöcke ohne eigene Feed-URL zeigen diesen Feed. Die Website lädt ihn alle 15 Minuten für die Terminliste ohne JavaScript.', 'w4g-calendar' ) . '</p>';
}

/** The feed URL input. */
function w4g_calendar_field_feed_url() {
	printf(
		'<input type="text" class="regular-text code" id="%1$s" name="%1$s" value="%2$s" inputmode="url" spellcheck="false">',
		esc_attr( W4G_CALENDAR_OPTION ),
		esc_attr( (string) get_option( W4G_CALENDAR_OPTION, '' ) )
	);
}

/** Settings → w4g-Kalender. */
function w4g_calendar_admin_menu() {
	add_options_page(
		__( 'w4g-Kalender', 'w4g-calendar' ),
		__( 'w4g-Kalender', 'w4g-calendar' ),
		'manage_options',
		'w4g-calendar',
		'w4g_calendar_settings_page'
	);
}

/** The settings page. */
function w4g_calendar_settings_page() {
	if ( ! current_user_can( 'manage_options' ) ) {
		return;
	}
	echo '<div class="wrap"><h1>' . esc_html( get_admin_page_title() ) . '</h1><form action="options.php" method="post">';
	settings_fields( 'w4g_calendar' );
	do_settings_sections( 'w4g-calendar' );
	submit_button();
	echo '</form></div>';
}
