/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * SVG sanitising for the preview: the markup is parsed as XML (never assigned as HTML),
 * stripped of anything that can run, load or embed, and imported into the page. Style
 * attributes and `<style>` blocks are handed back separately, to apply through CSSOM (the
 * CSP allows no inline styles).
 */

export const SVG_NS = 'http://www.w3.org/2000/svg';

/** Elements that can run, load or embed things; never kept. */
const FORBIDDEN_ELEMENTS = new Set(['script', 'foreignobject', 'iframe', 'object', 'embed', 'audio', 'video', 'image', 'animate',
    'set', 'animatemotion', 'animatetransform', 'handler', 'listener', 'link', 'meta', 'base']);

/** Roles the renderer writes (the document is an image; the preview sets its own roles after sanitising). */
const ALLOWED_ROLES = new Set(['img', 'group', 'graphics-document', 'graphics-symbol', 'presentation', 'none']);
/** ARIA attributes the renderer writes; any other (live regions, owns, controls…) is dropped. */
const ALLOWED_ARIA = new Set(['aria-label', 'aria-labelledby', 'aria-describedby', 'aria-hidden']);

/** A sanitised SVG ready to insert, with the styles to apply once it is in the document. */
export interface SafeSvg {
    element: SVGSVGElement;
    /** Each element's former `style` attribute. */
    styles: Array<[Element, string]>;
    /** The text of the former `<style>` blocks. */
    css: string;
}

/**
 * Removes anything active from a parsed SVG tree: elements outside the SVG namespace or able to
 * run or load things, event handler attributes, links that leave the document, focus
 * attributes, and roles or ARIA attributes the renderer does not write. Returns the
 * style attributes it removed, to re-apply through CSSOM.
 */
export function sanitize(root: Element): Array<[Element, string]> {
    const styles: Array<[Element, string]> = [];
    const walk = (element: Element) => {
        for (const child of [...element.children]) {
            if (FORBIDDEN_ELEMENTS.has(child.localName.toLowerCase()) || child.namespaceURI !== SVG_NS) {
                child.remove();
                continue;
            }
            walk(child);
        }
        for (const attribute of [...element.attributes]) {
            const name = attribute.name.toLowerCase();
            const value = attribute.value.trim().toLowerCase();
            if (name.startsWith('on')) element.removeAttribute(attribute.name);
            // Focus belongs to the preview (roving tabindex), not to the markup.
            else if (name === 'tabindex' || name === 'autofocus' || name === 'accesskey') element.removeAttribute(attribute.name);
            else if (name === 'role' && !ALLOWED_ROLES.has(value)) element.removeAttribute(attribute.name);
            else if (name.startsWith('aria-') && !ALLOWED_ARIA.has(name)) element.removeAttribute(attribute.name);
            else if ((name === 'href' || name === 'xlink:href' || name.endsWith(':href')) && !value.startsWith('#')) element.removeAttribute(attribute.name);
            else if (name === 'style') {
                styles.push([element, attribute.value]);
                element.removeAttribute(attribute.name);
            }
        }
    };
    walk(root);
    return styles;
}

/** Parses and sanitises the renderer's SVG for `document`; undefined when it is not well-formed SVG. */
export function parseSafeSvg(markup: string, document: Document): SafeSvg | undefined {
    const parsed = new DOMParser().parseFromString(markup, 'image/svg+xml');
    const root = parsed.documentElement;
    if (!root || root.localName !== 'svg' || root.namespaceURI !== SVG_NS || parsed.getElementsByTagName('parsererror').length > 0) return undefined;
    // <style> blocks move into a constructed stylesheet (CSSOM is allowed by the CSP; inline <style> is not).
    const css: string[] = [];
    for (const style of [...root.getElementsByTagNameNS(SVG_NS, 'style')]) {
        css.push(style.textContent ?? '');
        style.remove();
    }
    const styles = sanitize(root);
    const element = document.importNode(root, true) as unknown as SVGSVGElement;
    // Map each sanitized element to its imported twin by walking both trees in the same order.
    const originals = [root, ...root.querySelectorAll('*')];
    const imported = [element, ...element.querySelectorAll('*')];
    const index = new Map(originals.map((node, i) => [node, i]));
    return { element, styles: styles.map(([node, value]) => [imported[index.get(node)!], value]), css: css.join('\n') };
}
