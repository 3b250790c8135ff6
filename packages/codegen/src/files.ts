/** What the generator returns: files, their paths relative to the output folder. */
export interface GeneratedFile {
  path: string;
  content: string;
  /**
   * `generated` files are rewritten on every regeneration; `owned` ones are the developer's and
   * are written once.
   */
  ownership: 'generated' | 'owned';
  /** The template that rendered it, when one did (for errors found in the output). */
  template?: string;
}
