/**
 * Text measurement without a browser: a fixed table of advance widths (DejaVu Sans, the
 * first font of the diagram's font stack, in 1/1000 em) so Node and the webview size nodes
 * identically. Fonts further down the stack (Verdana, Segoe UI, Helvetica, Arial) are no
 * wider, so measured boxes always fit their text.
 */

/** The font stack every diagram uses; DejaVu Sans is what the widths below describe. */
export const FONT_FAMILY = "'DejaVu Sans', Verdana, 'Segoe UI', Helvetica, Arial, sans-serif";

/** Advance widths of code points 32–255, regular weight. */
const REGULAR: readonly number[] = [318,401,460,838,636,950,780,275,390,390,500,838,318,361,318,337,636,636,636,636,636,636,636,636,636,636,337,337,838,838,838,531,1000,684,686,698,770,632,575,775,752,295,295,656,557,863,748,787,603,787,695,635,611,732,684,989,685,611,685,390,337,390,838,500,500,613,635,550,635,615,352,635,634,278,278,579,278,974,634,612,635,635,411,521,392,634,592,818,592,592,525,636,337,636,838,600,600,600,600,600,600,600,600,600,600,600,600,600,600,600,600,600,600,600,600,600,600,600,600,600,600,600,600,600,600,600,600,600,318,401,636,636,636,636,337,500,500,1000,471,612,838,361,1000,500,500,838,401,401,500,636,636,318,500,401,471,612,969,969,969,531,684,684,684,684,684,684,974,698,632,632,632,632,295,295,295,295,775,748,787,787,787,787,787,838,787,732,732,732,732,611,605,630,613,613,613,613,613,613,982,550,615,615,615,615,278,278,278,278,612,634,612,612,612,612,612,838,612,634,634,634,634,592,635,592];

/** Advance widths of code points 32–255, bold weight. */
const BOLD: readonly number[] = [348,456,521,838,696,1002,872,306,457,457,523,838,380,415,380,365,696,696,696,696,696,696,696,696,696,696,400,400,838,838,838,580,1000,774,762,734,830,683,683,821,837,372,372,775,637,995,837,850,733,850,770,720,682,812,774,1103,771,724,725,457,365,457,838,500,500,675,716,593,716,678,435,716,712,343,343,665,343,1042,712,687,716,716,493,595,478,712,652,924,645,652,582,712,365,712,838,600,600,600,600,600,600,600,600,600,600,600,600,600,600,600,600,600,600,600,600,600,600,600,600,600,600,600,600,600,600,600,600,600,348,456,696,696,636,696,365,500,500,1000,564,646,838,415,1000,500,500,838,438,438,500,736,636,380,500,438,564,646,1035,1035,1035,580,774,774,774,774,774,774,1085,734,683,683,683,683,372,372,372,372,838,837,850,850,850,850,850,838,850,812,812,812,812,724,738,719,675,675,675,675,675,675,1048,593,678,678,678,678,343,343,343,343,687,712,687,687,687,687,687,838,687,712,712,712,712,652,716,652];

/** Width of one code point in 1/1000 em. */
function advance(codePoint: number, bold: boolean): number {
    if (codePoint >= 32 && codePoint < 256) return (bold ? BOLD : REGULAR)[codePoint - 32];
    if (codePoint < 32) return 0;
    // Wide scripts (CJK, Hangul, full-width forms, emoji) take a full em.
    if ((codePoint >= 0x1100 && codePoint <= 0x115f) || (codePoint >= 0x2e80 && codePoint <= 0xa4cf)
        || (codePoint >= 0xac00 && codePoint <= 0xd7a3) || (codePoint >= 0xf900 && codePoint <= 0xfaff)
        || (codePoint >= 0xfe30 && codePoint <= 0xfe4f) || (codePoint >= 0xff00 && codePoint <= 0xff60)
        || (codePoint >= 0x1f300 && codePoint <= 0x1faff) || codePoint >= 0x20000) return 1000;
    return bold ? 760 : 700;
}

/** Width in pixels of `text` set at `fontSize` px. */
export function textWidth(text: string, fontSize: number, bold = false): number {
    let total = 0;
    for (let i = 0; i < text.length; i++) {
        const code = text.charCodeAt(i);
        if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
            total += advance(text.codePointAt(i)!, bold);
            i++;
        } else total += advance(code, bold);
    }
    return (total * fontSize) / 1000;
}

/** Shortens `text` with an ellipsis so it fits `maxWidth` px. */
export function truncateText(text: string, maxWidth: number, fontSize: number, bold = false): string {
    if (textWidth(text, fontSize, bold) <= maxWidth) return text;
    const chars = [...text];
    while (chars.length > 1 && textWidth(chars.join('') + '…', fontSize, bold) > maxWidth) chars.pop();
    return chars.join('') + '…';
}
