// Editor side of the block `w4g/calendar`: plain JavaScript on WordPress's globals (no build
// step). Attributes come from block.json; the preview is the server's render (the same
// fallback list that visitors without JavaScript see); the block saves nothing (dynamic).
(function (wp) {
  const { registerBlockType } = wp.blocks;
  const { createElement: h, Fragment } = wp.element;
  const { InspectorControls, useBlockProps } = wp.blockEditor;
  const { PanelBody, TextControl, SelectControl, RangeControl } = wp.components;
  const { __ } = wp.i18n;
  const ServerSideRender = wp.serverSideRender;

  function Edit({ attributes, setAttributes }) {
    const text = (name, label, help) =>
      h(TextControl, {
        label,
        help,
        value: attributes[name],
        onChange: (value) => setAttributes({ [name]: value }),
        __nextHasNoMarginBottom: true,
      });
    const controls = h(
      InspectorControls,
      null,
      h(
        PanelBody,
        { title: __('Kalender', 'w4g-calendar'), initialOpen: true },
        h(SelectControl, {
          label: __('Ansicht', 'w4g-calendar'),
          value: attributes.view,
          options: [
            { label: __('Terminliste', 'w4g-calendar'), value: 'list' },
            { label: __('Monatskalender', 'w4g-calendar'), value: 'grid' },
          ],
          onChange: (view) => setAttributes({ view }),
          __nextHasNoMarginBottom: true,
        }),
        text(
          'src',
          __('Feed-URL', 'w4g-calendar'),
          __('Leer: der Standard-Feed aus Einstellungen → w4g-Kalender. Mehrere URLs durch Leerzeichen trennen.', 'w4g-calendar'),
        ),
        text('town', __('Orte', 'w4g-calendar'), __('z. B. „Aschersleben, Seeland“; leer: alle', 'w4g-calendar')),
        text('organizer', __('Veranstalter', 'w4g-calendar'), __('ID oder Name, mehrere durch Komma getrennt', 'w4g-calendar')),
        text('category', __('Kategorien', 'w4g-calendar'), __('z. B. „Kultur, Musik“; leer: alle', 'w4g-calendar')),
        attributes.view === 'list'
          ? text('from', __('Erster Tag', 'w4g-calendar'), __('JJJJ-MM-TT; leer: heute', 'w4g-calendar'))
          : null,
        attributes.view === 'list'
          ? text(
              'to',
              __('Letzter Tag', 'w4g-calendar'),
              __('JJJJ-MM-TT, wird mit angezeigt (2026-12-31 zeigt Silvester); leer: ein Jahr ab dem ersten Tag', 'w4g-calendar'),
            )
          : null,
        attributes.view === 'list'
          ? h(RangeControl, {
              label: __('Anzahl Termine (0 = alle)', 'w4g-calendar'),
              min: 0,
              max: 100,
              value: attributes.limit,
              onChange: (limit) => setAttributes({ limit: Number(limit) || 0 }),
              __nextHasNoMarginBottom: true,
            })
          : null,
        h(SelectControl, {
          label: __('Sprache', 'w4g-calendar'),
          value: attributes.locale,
          options: [
            { label: __('Sprache der Seite', 'w4g-calendar'), value: '' },
            { label: 'Deutsch', value: 'de' },
            { label: 'English', value: 'en' },
          ],
          onChange: (locale) => setAttributes({ locale }),
          __nextHasNoMarginBottom: true,
        }),
      ),
    );
    return h(Fragment, null, controls, h('div', useBlockProps(), h(ServerSideRender, { block: 'w4g/calendar', attributes })));
  }

  registerBlockType('w4g/calendar', { edit: Edit, save: () => null });
})(window.wp);
