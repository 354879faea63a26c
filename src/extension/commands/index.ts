/** Every command of the extension. */
import type { Command, CommandServices } from './command.js';
import { ExportPngCommand, ExportSvgCommand } from './export-diagram.js';
import { OpenPreviewCommand, OpenPreviewToSideCommand } from './open-preview.js';
import { RestartServerCommand } from './restart-server.js';
import { ShowSourceCommand } from './show-source.js';
import { TogglePreviewLockCommand } from './toggle-preview-lock.js';

export { registerCommands, type Command, type CommandServices, type PngConverter } from './command.js';
export { exportFromCommand } from './export-diagram.js';

export function archwayCommands(services: CommandServices): Command[] {
    return [
        new OpenPreviewCommand(services.previews),
        new OpenPreviewToSideCommand(services.previews),
        new ShowSourceCommand(services.previews),
        new TogglePreviewLockCommand(services.previews),
        new ExportSvgCommand(services),
        new ExportPngCommand(services),
        new RestartServerCommand(services.server),
    ];
}
