/**
 * Fakes of the extension's small interfaces (`PreviewPanel`, `PreviewHost`) so the preview
 * manager and message routing run without VS Code.
 */
import type { DiagramParams, DiagramResult, DiagramSourceLocation, HostToWebviewMessage } from '../../src/protocol/diagram-protocol.js';
import type { PendingDiagram, PreviewColumn, PreviewHost, PreviewPanel, PreviewTarget } from '../../src/extension/preview-manager.js';

export class FakePanel implements PreviewPanel {
    messages: HostToWebviewMessage[] = [];
    title = '';
    visible = true;
    disposed = false;
    reveals: Array<PreviewColumn | undefined> = [];
    private receive: Array<(message: unknown) => void> = [];
    private visibility: Array<(visible: boolean, active: boolean) => void> = [];
    private disposeListeners: Array<() => void> = [];

    constructor(readonly column: PreviewColumn = 'active') {}

    postMessage(message: HostToWebviewMessage): Promise<boolean> {
        this.messages.push(message);
        return Promise.resolve(true);
    }
    reveal(column?: PreviewColumn): void {
        this.reveals.push(column);
    }
    setTitle(title: string): void {
        this.title = title;
    }
    onDidReceiveMessage(listener: (message: unknown) => void): void {
        this.receive.push(listener);
    }
    onDidChangeVisibility(listener: (visible: boolean, active: boolean) => void): void {
        this.visibility.push(listener);
    }
    onDidDispose(listener: () => void): void {
        this.disposeListeners.push(listener);
    }
    dispose(): void {
        if (this.disposed) return;
        this.disposed = true;
        for (const listener of this.disposeListeners) listener();
    }
    /** Simulates the webview posting a message. */
    fromWebview(message: unknown): void {
        for (const listener of this.receive) listener(message);
    }
    setVisible(visible: boolean, active = false): void {
        this.visible = visible;
        for (const listener of this.visibility) listener(visible, active);
    }
    updates(): Array<Extract<HostToWebviewMessage, { type: 'update' }>> {
        return this.messages.filter((m): m is Extract<HostToWebviewMessage, { type: 'update' }> => m.type === 'update');
    }
}

/** A diagram result for `uri` with the given elements. */
export function fakeResult(params: DiagramParams, extra: Partial<DiagramResult> = {}): DiagramResult {
    const location = (line: number): DiagramSourceLocation => ({
        uri: params.uri, range: { start: { line, character: 0 }, end: { line, character: 20 } },
        selection: { start: { line, character: 8 }, end: { line, character: 14 } },
    });
    return {
        uri: params.uri, version: 1, svg: `<svg xmlns="http://www.w3.org/2000/svg" data-view="${params.view ?? 'overview'}"/>`,
        view: params.view ?? 'overview', flow: params.flow, viewIds: ['overview', 'ordering'], flowIds: ['checkout'],
        elements: { api: location(3), orders: location(5) }, hasSyntaxErrors: false, ...extra,
    };
}

export class FakeHost implements PreviewHost {
    panels: FakePanel[] = [];
    requests: DiagramParams[] = [];
    cancelled: DiagramParams[] = [];
    revealed: DiagramSourceLocation[] = [];
    exports: Array<{ target: PreviewTarget; format: 'svg' | 'png' }> = [];
    logs: string[] = [];
    follow = true;
    followTheme = true;
    currentTheme: 'light' | 'dark' | 'high-contrast' = 'light';
    /** When set, requests wait for `release()`. */
    manual = false;
    private waiting: Array<() => void> = [];
    respond: (params: DiagramParams) => DiagramResult = params => fakeResult(params);

    createPanel(_title: string, column: PreviewColumn): FakePanel {
        const panel = new FakePanel(column);
        this.panels.push(panel);
        return panel;
    }
    requestDiagram(params: DiagramParams): PendingDiagram {
        this.requests.push(params);
        let cancel = () => {};
        const result = new Promise<DiagramResult>((resolve, reject) => {
            cancel = () => {
                this.cancelled.push(params);
                reject(new Error('cancelled'));
            };
            const answer = () => resolve(this.respond(params));
            if (this.manual) this.waiting.push(answer);
            else answer();
        });
        return { result, cancel: () => cancel() };
    }
    /** Answers every waiting request, oldest first. */
    release(): void {
        const waiting = this.waiting;
        this.waiting = [];
        for (const answer of waiting) answer();
    }
    async revealSource(location: DiagramSourceLocation): Promise<void> {
        this.revealed.push(location);
    }
    /** Documents the preview asked to focus (Escape). */
    focused: string[] = [];
    async focusDocument(uri: string): Promise<void> {
        this.focused.push(uri);
    }
    async exportDiagram(target: PreviewTarget, format: 'svg' | 'png'): Promise<void> {
        this.exports.push({ target, format });
    }
    theme() {
        return this.currentTheme;
    }
    direction() {
        return undefined;
    }
    followsEditorTheme(): boolean {
        return this.followTheme;
    }
    followActiveEditor(): boolean {
        return this.follow;
    }
    fileName(uri: string): string {
        return uri.split('/').pop() ?? uri;
    }
    log(message: string): void {
        this.logs.push(message);
    }
}

/** Lets pending promise callbacks run. */
export async function settle(): Promise<void> {
    for (let i = 0; i < 5; i++) await new Promise(resolve => setImmediate(resolve));
}
