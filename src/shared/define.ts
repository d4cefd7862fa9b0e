/**
 * Registers a custom element unless the tag is taken. Two copies of the library on one page
 * (a CMS plugin and a theme, say) must not throw; the first copy wins and a warning names it.
 */
export function defineElement(tag: string, ctor: CustomElementConstructor): void {
  const existing = customElements.get(tag);
  if (!existing) {
    customElements.define(tag, ctor);
  } else if (existing !== ctor) {
    console.warn(`[w4g-calendar] <${tag}> is already defined by another copy of the library; that copy is used.`);
  }
}
