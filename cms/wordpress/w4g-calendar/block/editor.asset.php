<?php
/**
 * Dependencies of editor.js (plain JavaScript on the wp.* globals, no build step).
 *
 * @package w4g-calendar
 */

return array(
	'dependencies' => array( 'wp-blocks', 'wp-block-editor', 'wp-components', 'wp-element', 'wp-i18n', 'wp-server-side-render' ),
	'version'      => '0.1.0',
);
