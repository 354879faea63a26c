/**
 * The `archway.*` settings as the extension reads them: the diagram theme (following the
 * editor's when `auto`), the layout direction, and whether the preview follows the active
 * editor.
 */
import * as vscode from 'vscode';
import type { DiagramDirection, DiagramTheme } from '../protocol/diagram-protocol.js';

function archway(): vscode.WorkspaceConfiguration {
    return vscode.workspace.getConfiguration('archway');
}

function themeFromEditor(): DiagramTheme {
    switch (vscode.window.activeColorTheme.kind) {
        case vscode.ColorThemeKind.Dark: return 'dark';
        case vscode.ColorThemeKind.HighContrast: return 'high-contrast';
        case vscode.ColorThemeKind.HighContrastLight: return 'high-contrast';
        default: return 'light';
    }
}

/** The theme a setting asks for; `auto` (or anything unknown) follows the editor's. */
export function configuredTheme(setting: 'preview.theme' | 'export.theme'): DiagramTheme {
    const value = archway().get<string>(setting, 'auto');
    return value === 'light' || value === 'dark' || value === 'high-contrast' ? value : themeFromEditor();
}

/** The layout direction of `archway.preview.direction`; undefined for `auto` (the view decides). */
export function configuredDirection(): DiagramDirection | undefined {
    const value = archway().get<string>('preview.direction', 'auto');
    return value === 'right' || value === 'down' || value === 'left' || value === 'up' ? value : undefined;
}

/** True when the preview's theme is `auto`: then it is drawn on the editor's own background. */
export function previewFollowsEditorTheme(): boolean {
    return archway().get<string>('preview.theme', 'auto') === 'auto';
}

/** True when an unlocked preview follows the active `.arch` editor. */
export function previewFollowsActiveEditor(): boolean {
    return archway().get<boolean>('preview.followActiveEditor', true);
}
