/** Vite bundles CSS imports; TypeScript only needs to know they exist. */
declare module '*.css';
/** Vite's asset and worker URL imports: the file ships inside dist/renderer and this is its URL. */
declare module '*?url' {
  const url: string;
  export default url;
}
declare module '*?worker&url' {
  const url: string;
  export default url;
}
