/** Saving what the designer makes (an image, a document, SQL) as a file. */
function save(name: string, href: string) {
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
}

export function download(name: string, content: string, type = 'text/plain') {
  const url = URL.createObjectURL(new Blob([content], { type }));
  save(name, url);
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export const downloadDataUrl = save;
