import sharp from 'sharp';

/** A head-and-shoulders picture as a camera would take it (JPEG, any size). */
export async function portraitJpeg(width = 900, height = 1200): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 900 1200" preserveAspectRatio="xMidYMid slice">
    <rect width="900" height="1200" fill="#dfe7ef"/>
    <circle cx="450" cy="470" r="210" fill="#c89f7a"/>
    <circle cx="380" cy="440" r="18" fill="#3a2a20"/><circle cx="520" cy="440" r="18" fill="#3a2a20"/>
    <path d="M380 560 Q450 610 520 560" stroke="#7a4a3a" stroke-width="14" fill="none"/>
    <path d="M240 400 Q450 160 660 400 Q640 250 450 240 Q260 250 240 400 Z" fill="#2b2118"/>
    <path d="M130 1200 C160 880 300 780 450 780 C600 780 740 880 770 1200 Z" fill="#2f4f6f"/>
  </svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 90 }).toBuffer();
}
