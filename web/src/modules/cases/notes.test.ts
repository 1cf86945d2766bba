// A document as the screen names it: its type in plain words (from the type the server read from
// its bytes), its size in her language's units, where it is downloaded, the name it is kept by
// (at most the server's 200 bytes, its extension kept), and which field a refusal belongs to.
import { expect, it } from 'vitest';
import { downloadOf, keptName, kindOf, sizeOf, uploadField } from './notes';

it('ADocumentsType_IsNamedByKind_AnyOtherAsAFile', () => {
  expect(kindOf('application/pdf')).toBe('pdf');
  expect(kindOf('image/heic')).toBe('photo');
  expect(kindOf('text/plain')).toBe('text');
  expect(kindOf('application/vnd.openxmlformats-officedocument.wordprocessingml.document')).toBe('docx');
  expect(kindOf('application/octet-stream')).toBe('other');
});

it('ASize_IsInBytesKilobytesOrMegabytes_InHerLanguage', () => {
  expect(sizeOf(48, 'en')).toBe('48 bytes');
  expect(sizeOf(254_300, 'en')).toBe('254.3 kB');
  expect(sizeOf(2_100_000, 'en')).toBe('2.1 MB');
  expect(sizeOf(2_100_000, 'fr')).toMatch(/^2,1\sMo$/);
});

it('ADocument_IsDownloadedFromItsCase', () => {
  expect(downloadOf({ case_id: 5, id: 12 })).toBe('/api/v1/cases/5/documents/12');
});

it('ALongName_IsShortenedToTheServersBytes_BeforeItsExtension', () => {
  expect(keptName('  permesso.pdf ')).toBe('permesso.pdf');
  const long = `${'a'.repeat(300)}.pdf`;
  expect(keptName(long)).toBe(`${'a'.repeat(196)}.pdf`);
  // Arabic letters are two bytes each: no letter is cut in half.
  const arabic = keptName(`${'ب'.repeat(150)}.pdf`);
  expect(arabic).toBe(`${'ب'.repeat(98)}.pdf`);
  expect(new TextEncoder().encode(arabic).length).toBeLessThanOrEqual(200);
});

it('ARefusal_BelongsToTheFile_UnlessItNamesTheVisibility', () => {
  expect(uploadField('body')).toBe('document-file');
  expect(uploadField('Content-Type')).toBe('document-file');
  expect(uploadField('name')).toBe('document-file');
  expect(uploadField('visibility')).toBe('document-visibility');
});
