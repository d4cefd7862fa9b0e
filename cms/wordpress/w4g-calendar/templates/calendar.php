<?php
/**
 * The element with its server-side fallback in the light DOM.
 *
 * The element renders into its shadow root, which has no default slot: once the bundle has
 * loaded, this list is not displayed (and not in the accessibility tree). Before that, and
 * for visitors and crawlers without JavaScript, it is the calendar.
 *
 * Every value from the feed or from the shortcode is escaped here: esc_html for text,
 * esc_attr for attributes, esc_url (http and https only) for links. The JSON-LD is encoded by
 * FallbackRenderer::encodeJsonLd with JSON_HEX_TAG | JSON_HEX_AMP, so it contains no `<`, `>`
 * or `&` and cannot end the script element.
 *
 * @package w4g-calendar
 * @var array $view       FallbackRenderer::buildView() result.
 * @var array $attributes FallbackRenderer::elementAttributes() result (name => value|true).
 */

defined( 'ABSPATH' ) || exit;

// The tag name comes from a fixed list (w4g-event-list, w4g-month-grid), the attribute names are fixed.
$w4g_tag = in_array( $view['tagName'], array( 'w4g-event-list', 'w4g-month-grid' ), true ) ? $view['tagName'] : 'w4g-event-list';
echo '<' . $w4g_tag; // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- fixed list above.
foreach ( $attributes as $w4g_name => $w4g_value ) {
	echo ' ' . esc_attr( $w4g_name ) . ( true === $w4g_value ? '' : '="' . esc_attr( $w4g_value ) . '"' );
}
echo '>';
?>
<div class="w4g-fallback">
<?php if ( $view['isMissing'] ) : ?>
<p class="w4g-fallback-notice"><?php echo esc_html( $view['labels']['missing'] ); ?></p>
<?php elseif ( $view['isError'] ) : ?>
<p class="w4g-fallback-notice"><?php echo esc_html( $view['labels']['error'] ); ?>
	<?php if ( '' !== $view['feedUrl'] ) : ?>
<a href="<?php echo esc_url( $view['feedUrl'], array( 'http', 'https' ) ); ?>"><?php echo esc_html( $view['labels']['feedLink'] ); ?></a>
	<?php endif; ?>
</p>
<?php elseif ( $view['isEmpty'] ) : ?>
<p class="w4g-fallback-notice"><?php echo esc_html( $view['labels']['empty'] ); ?></p>
<?php else : ?>
	<?php
	foreach ( array( 'events' => 'upcoming', 'series' => 'series' ) as $w4g_list => $w4g_label ) :
		if ( array() === $view[ $w4g_list ] ) {
			continue;
		}
		?>
<p class="w4g-fallback-heading"><strong><?php echo esc_html( $view['labels'][ $w4g_label ] ); ?></strong></p>
<ul class="w4g-fallback-list">
		<?php foreach ( $view[ $w4g_list ] as $w4g_event ) : ?>
<li class="<?php echo esc_attr( $w4g_event['className'] ); ?>">
<time datetime="<?php echo esc_attr( $w4g_event['datetime'] ); ?>"><?php echo esc_html( $w4g_event['when'] ); ?></time>:
			<?php if ( '' !== $w4g_event['statusLabel'] ) : ?>
<strong class="w4g-fallback-status"><?php echo esc_html( $w4g_event['statusLabel'] ); ?>:</strong>
			<?php endif; ?>
			<?php if ( '' !== $w4g_event['url'] ) : ?>
<a href="<?php echo esc_url( $w4g_event['url'], array( 'http', 'https' ) ); ?>"><?php echo esc_html( $w4g_event['title'] ); ?></a>
			<?php else : ?>
<span class="w4g-fallback-title"><?php echo esc_html( $w4g_event['title'] ); ?></span>
			<?php endif; ?>
			<?php if ( '' !== $w4g_event['place'] ) : ?>
<span class="w4g-fallback-place">– <?php echo esc_html( $w4g_event['place'] ); ?></span>
			<?php endif; ?>
</li>
		<?php endforeach; ?>
</ul>
	<?php endforeach; ?>
<?php endif; ?>
</div>
<?php if ( '' !== $view['jsonLd'] ) : ?>
<script type="application/ld+json"><?php echo $view['jsonLd']; // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- JSON with <, > and & as \u escapes. ?></script>
<?php endif; ?>
<?php
echo '</' . $w4g_tag . '>'; // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- fixed list above.
