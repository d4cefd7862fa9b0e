// custom-elements.json for CMS plugin authors and Storybook: read from the elements' JSDoc.
// A test regenerates it and fails when the committed file is out of date (npm run analyze).
export default {
  globs: ['src/components/**/*.ts', 'src/shared/**/*.ts'],
  exclude: ['src/**/*.test.ts'],
  litelement: true,
  // package.json names the file itself; the sync test writes to a temporary folder.
  packagejson: false,
  plugins: [
    {
      // The analyzer also lists dispatches it cannot name (an event object passed on) and
      // internal plain events; the public events are the documented w4g-* ones.
      name: 'w4g-public-events',
      packageLinkPhase({ customElementsManifest }) {
        for (const mod of customElementsManifest.modules) {
          for (const declaration of mod.declarations ?? []) {
            if (declaration.events) declaration.events = declaration.events.filter((e) => e.name?.startsWith('w4g-'));
          }
        }
      },
    },
  ],
};
