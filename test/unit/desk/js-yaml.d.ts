// js-yaml is present (a dependency of a dev tool) without its types; only `load` is used here.
declare module 'js-yaml' {
  export function load(text: string): unknown;
}
