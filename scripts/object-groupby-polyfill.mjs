// Node 20 lacks Object.groupBy, which chevrotain@13's grammar self-checks use
// when `langium generate` runs. Loaded with `node --import` for that command only.
if (typeof Object.groupBy !== 'function') {
  Object.defineProperty(Object, 'groupBy', {
    configurable: true,
    writable: true,
    value(items, keyFn) {
      const groups = Object.create(null);
      let index = 0;
      for (const item of items) {
        const key = keyFn(item, index++);
        (groups[key] ??= []).push(item);
      }
      return groups;
    },
  });
}
if (typeof Map.groupBy !== 'function') {
  Object.defineProperty(Map, 'groupBy', {
    configurable: true,
    writable: true,
    value(items, keyFn) {
      const groups = new Map();
      let index = 0;
      for (const item of items) {
        const key = keyFn(item, index++);
        if (!groups.has(key)) groups.set(key, []);
        groups.get(key).push(item);
      }
      return groups;
    },
  });
}
