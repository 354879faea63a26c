/**
 * Hostile text for security tests: markup, script, URLs and CSS that must never become active
 * anywhere Archway shows model text (preview, exported SVG, PNG, messages).
 */
export const HOSTILE = [
    '<img src=x onerror=window.__pwned=1>',
    '</svg><script>window.__pwned=2</script>',
    'javascript:window.__pwned=3',
    'url(https://evil.example/x.png)',
    '"><script>window.__pwned=4</script>',
    "'\"&<>",
    ']]><!--',
    '<?xml-stylesheet href="https://evil.example/s.css"?>',
    '<svg onload=window.__pwned=5>',
    'data:text/html,<script>window.__pwned=6</script>',
    '<![CDATA[<script>window.__pwned=7</script>]]>',
    '<a href="javascript:window.__pwned=8">x</a>',
    '<style>@import "https://evil.example/i.css";</style>',
    '<foreignObject><iframe src="https://evil.example/"></iframe></foreignObject>',
    '<image href="https://evil.example/track.png"/>',
    '&lt;already-escaped&gt; &#60;script&#62;',
    '\u202Ebidi override',
];

/** `"…"` with the escapes the grammar's STRING needs. */
function str(text: string): string {
    return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/**
 * A model with hostile text in every place text can go: header, zone, component, channel,
 * view and flow labels, route paths, string properties, connection labels, annotation reasons,
 * and values the checker quotes back in its messages (which reach SVG `<title>`s and banners).
 */
export function hostileModel(): string {
    const h = (i: number) => str(HOSTILE[i % HOSTILE.length]);
    return [
        `architecture ${h(0)}`,
        `zone net ${h(1)} {`,
        '  trust: public',
        `  client web ${h(2)} { tokenStorage: ${h(3)} }`,
        '}',
        `zone vpc ${h(4)} {`,
        '  trust: private',
        `  gateway api ${h(5)} {`,
        `    route ${h(6)} -> svc`,
        `    route ${h(7)} -> svc2`,
        '  }',
        `  service svc ${h(8)} { technology: ${h(9)}  replicas: ${h(10)} }`,
        `  service svc2 ${h(11)} { technology: ${h(12)} }`,
        `  database db ${h(13)} { engine: ${h(14)} }`,
        `  broker bus ${h(15)} { topic t ${h(16)} }`,
        '}',
        `web -> api : https ${h(0)}`,
        `@allow(sync-chain-too-deep, ${h(1)})`,
        `svc -> db : sql ${h(2)} { timeout: 2s }`,
        `svc2 -> db : sql ${h(3)}`,
        `svc ~> bus.t ${h(4)}`,
        `bus.t ~> svc2 ${h(5)}`,
        `view v1 ${h(6)} { include * }`,
        `flow f1 ${h(7)} {`,
        `  web -> api ${h(8)}`,
        `  api -> svc ${h(9)}`,
        '}',
    ].join('\n') + '\n';
}

/** Tags the renderer may emit; anything else in an SVG means model text became markup. */
export const ALLOWED_SVG_TAGS = new Set([
    'svg', 'g', 'rect', 'path', 'text', 'tspan', 'title', 'desc', 'defs', 'marker', 'style', 'circle', 'line',
    'polygon', 'polyline', 'ellipse', 'clipPath', 'linearGradient', 'radialGradient', 'stop', 'symbol', 'pattern',
]);

/**
 * Attributes whose value is plain text for assistive technology (like a `<title>`'s content):
 * model text may say anything there, escaped; it is never loaded or run.
 */
export const TEXT_ATTRIBUTES = new Set(['aria-label']);

/** What is wrong with an SVG string, security-wise (empty when it is clean). */
export function svgProblems(svg: string): string[] {
    const problems: string[] = [];
    for (const match of svg.matchAll(/<\s*([a-zA-Z][\w:.-]*)/g)) {
        if (!ALLOWED_SVG_TAGS.has(match[1])) problems.push(`tag <${match[1]}>`);
    }
    if (/<!\[CDATA\[|<\?xml-stylesheet|<!--/.test(svg)) problems.push('CDATA, processing instruction or comment');
    for (const match of svg.matchAll(/\s([a-zA-Z_:][-\w:.]*)\s*=\s*("[^"]*"|'[^']*')/g)) {
        const [, name, value] = match;
        if (/^on/i.test(name)) problems.push(`event attribute ${name}`);
        if (/href$/i.test(name) && !/^["']#/.test(value)) problems.push(`link ${name}=${value}`);
        if (TEXT_ATTRIBUTES.has(name)) continue;
        if (/javascript:|data:text\/html/i.test(value)) problems.push(`script URL in ${name}`);
        if (/url\(\s*['"]?(?!#)/i.test(value)) problems.push(`external url() in ${name}`);
    }
    // Inside <style>: only url(#…) references, no @import.
    for (const match of svg.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)) {
        if (/@import|url\(\s*['"]?(?!#)/i.test(match[1])) problems.push('external reference in <style>');
    }
    // Text content: no raw `<` can survive (it would have been a tag above), and `&` only as an entity.
    for (const match of svg.matchAll(/&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/g)) {
        problems.push(`bare & at ${match.index}`);
    }
    return [...new Set(problems)];
}
