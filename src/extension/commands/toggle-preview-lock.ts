/** `archway.togglePreviewLock`: a locked preview stays on its document; an unlocked one follows the active editor. */
import type { PreviewManager } from '../preview-manager.js';
import type { Command } from './command.js';

export class TogglePreviewLockCommand implements Command {
    readonly id = 'archway.togglePreviewLock';

    constructor(private readonly previews: PreviewManager) {}

    execute(): void {
        const preview = this.previews.active;
        if (preview) preview.setLocked(!preview.locked);
    }
}
