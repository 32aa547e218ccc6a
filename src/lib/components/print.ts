/**
 * Print one part of the page alone (a persona card): while the print runs, the body carries
 * `print-part` and app.css hides in print everything that neither is, holds nor sits in the
 * element marked `print-target`.
 */
export function printPart(): void {
  const body = document.body;
  body.classList.add('print-part');
  const done = () => {
    body.classList.remove('print-part');
    window.removeEventListener('afterprint', done);
  };
  window.addEventListener('afterprint', done);
  window.print();
}
