import { dirname, join } from 'node:path';

/**
 * DejaVu (Bitstream Vera licence) covers every Vietnamese letter and tone mark, precomposed and
 * combining; it ships as an npm package so no font file lives in the repository.
 */
const DIR = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');

export const FONTS = {
  sans: join(DIR, 'DejaVuSans.ttf'),
  sansBold: join(DIR, 'DejaVuSans-Bold.ttf'),
  serif: join(DIR, 'DejaVuSerif.ttf'),
  serifBold: join(DIR, 'DejaVuSerif-Bold.ttf'),
  serifItalic: join(DIR, 'DejaVuSerif-Italic.ttf'),
} as const;
