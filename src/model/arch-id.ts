/**
 * `.arch` ids for names that come from elsewhere (deployed workloads): the import writes them,
 * and the drift rules' quick fix declares a workload with the same id the import would give it.
 */

/** The grammar's ID: letters, digits and `_`, with single inner dashes. */
const ID_PATTERN = /^[_a-zA-Z]\w*(?:-\w+)*$/;

/** A valid `.arch` id for a deployed name (`basket.data` → `basket-data`, `3d` → `_3d`). */
export function toArchId(name: string): string {
    let id = name.replace(/[^\w-]+/g, '-').replace(/-{2,}/g, '-').replace(/^-+|-+$/g, '');
    if (id === '') id = 'workload';
    if (!/^[_a-zA-Z]/.test(id)) id = `_${id}`;
    return ID_PATTERN.test(id) ? id : id.replace(/-/g, '_');
}
