/** Appends `value` to the list under `key`, creating it: linear where `[...old, value]` is quadratic. */
export function addTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
