/**
 * French typography for generated text: a no-break space before ; : ! ? and inside « ».
 */

const NNBSP = '\u202f';
const NBSP = '\u00a0';

export function frenchTypography(text: string): string {
  return text
    .replace(/[ \u00a0\u202f]*([;!?])/g, `${NNBSP}$1`)
    .replace(/(\S)[ \u00a0]*:(?=\s|$)/g, `$1${NBSP}:`)
    .replace(/«[ \u00a0]*/g, `«${NBSP}`)
    .replace(/[ \u00a0]*»/g, `${NBSP}»`);
}
