<?php
/**
 * Removes the plugin's option and cached feeds when the plugin is deleted.
 *
 * @package w4g-calendar
 */

defined( 'WP_UNINSTALL_PLUGIN' ) || exit;

delete_option( 'w4g_calendar_feed_url' );
// Cached feeds are transients (w4g_calendar_<md5>); they expire on their own within a day.
