/**
 * Diagram themes: every colour the renderer uses, resolved to plain values so an exported
 * SVG stands alone. The preview may pass its own `DiagramTheme` (e.g. built from the
 * editor's colours); exports always use one of the named themes below.
 */
import type { Trust } from '../model/arch-model.js';
import type { KindCategory } from '../model/component-kinds.js';

/** Colour group of a component kind (its `category` in the kinds table), used for its icon and border. */
export type { KindCategory };

/** Colours of one zone trust level. */
export interface ZoneColours {
    fill: string;
    stroke: string;
    title: string;
    /** Dash pattern of the border (`''` for solid). */
    dash: string;
}

/** Every colour a diagram uses. */
export interface DiagramTheme {
    name: string;
    background: string;
    text: string;
    mutedText: string;
    nodeFill: string;
    nodeStroke: string;
    topicFill: string;
    brokerFill: string;
    categories: Record<KindCategory, string>;
    zones: Record<Trust, ZoneColours>;
    edge: string;
    asyncEdge: string;
    /** Label colour of edges whose protocol is plaintext. */
    plaintext: string;
    /** Colour of the lock drawn on TLS edges. */
    tls: string;
    labelBackground: string;
    flow: string;
    flowText: string;
    error: string;
    warning: string;
    info: string;
    badgeText: string;
    /** Opacity of everything off the flow in a flow view. */
    dimOpacity: number;
}

/** Names of the built-in themes. */
export type ThemeName = 'light' | 'dark' | 'high-contrast';

export const THEME_NAMES: readonly ThemeName[] = ['light', 'dark', 'high-contrast'];

const LIGHT: DiagramTheme = {
    name: 'light',
    background: '#ffffff',
    text: '#1f2328',
    mutedText: '#59636e',
    nodeFill: '#ffffff',
    nodeStroke: '#8c959f',
    topicFill: '#fdf2f8',
    brokerFill: '#fff7fb',
    categories: {
        edge: '#0969da', traffic: '#8250df', compute: '#1a7f64', data: '#bc4c00',
        messaging: '#bf3989', security: '#cf222e', outside: '#57606a',
    },
    zones: {
        public: { fill: '#fff8e6', stroke: '#d4a72c', title: '#7d4e00', dash: '6 4' },
        edge: { fill: '#f3f0ff', stroke: '#a58bf5', title: '#5a32a3', dash: '2 3' },
        private: { fill: '#f1f8f4', stroke: '#6fbf8e', title: '#1a6334', dash: '' },
    },
    edge: '#57606a',
    asyncEdge: '#8a4f9e',
    plaintext: '#bc4c00',
    tls: '#1a7f37',
    labelBackground: '#ffffff',
    flow: '#0969da',
    flowText: '#ffffff',
    error: '#cf222e',
    warning: '#d4a72c',
    info: '#0969da',
    badgeText: '#ffffff',
    dimOpacity: 0.28,
};

const DARK: DiagramTheme = {
    name: 'dark',
    background: '#0d1117',
    text: '#e6edf3',
    mutedText: '#9198a1',
    nodeFill: '#161b22',
    nodeStroke: '#3d444d',
    topicFill: '#2a1a26',
    brokerFill: '#1c1520',
    categories: {
        edge: '#58a6ff', traffic: '#bc8cff', compute: '#3fb9a0', data: '#f0883e',
        messaging: '#f778ba', security: '#ff7b72', outside: '#9198a1',
    },
    zones: {
        public: { fill: '#231d0d', stroke: '#9e7a1f', title: '#e3b341', dash: '6 4' },
        edge: { fill: '#1b1630', stroke: '#6e56cf', title: '#c2b5ff', dash: '2 3' },
        private: { fill: '#0f1f17', stroke: '#2f7a4f', title: '#7ee2a8', dash: '' },
    },
    edge: '#8b949e',
    asyncEdge: '#d2a8ff',
    plaintext: '#f0883e',
    tls: '#3fb950',
    labelBackground: '#0d1117',
    flow: '#58a6ff',
    flowText: '#0d1117',
    error: '#f85149',
    warning: '#d29922',
    info: '#58a6ff',
    badgeText: '#0d1117',
    dimOpacity: 0.3,
};

const HIGH_CONTRAST: DiagramTheme = {
    name: 'high-contrast',
    background: '#000000',
    text: '#ffffff',
    mutedText: '#ffffff',
    nodeFill: '#000000',
    nodeStroke: '#ffffff',
    topicFill: '#000000',
    brokerFill: '#000000',
    categories: {
        edge: '#6fc3ff', traffic: '#d7a6ff', compute: '#5ff5c8', data: '#ffb86b',
        messaging: '#ff8fd0', security: '#ff8080', outside: '#ffffff',
    },
    zones: {
        public: { fill: '#000000', stroke: '#ffd700', title: '#ffd700', dash: '8 4' },
        edge: { fill: '#000000', stroke: '#c9a0ff', title: '#c9a0ff', dash: '2 3' },
        private: { fill: '#000000', stroke: '#7fff9f', title: '#7fff9f', dash: '' },
    },
    edge: '#ffffff',
    asyncEdge: '#ff8fd0',
    plaintext: '#ffb86b',
    tls: '#7fff9f',
    labelBackground: '#000000',
    flow: '#00e5ff',
    flowText: '#000000',
    error: '#ff5050',
    warning: '#ffd700',
    info: '#00e5ff',
    badgeText: '#000000',
    dimOpacity: 0.35,
};

const THEMES: Record<ThemeName, DiagramTheme> = { light: LIGHT, dark: DARK, 'high-contrast': HIGH_CONTRAST };

/** A built-in theme by name (light when the name is unknown). */
export function getTheme(name: ThemeName | string | undefined): DiagramTheme {
    return THEMES[(name ?? 'light') as ThemeName] ?? LIGHT;
}
