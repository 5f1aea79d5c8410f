import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { isUuid } from '#libs/common/ids.js';
import { FileLinks } from '#apps/accreditation/photos/file-links.js';
import { PortraitStore } from '#apps/accreditation/photos/portrait-store.js';

/**
 * The files behind short-lived links (FileLinks), reached through the gateway
 * (which forwards GET /files/... with its proof). A link that is forged,
 * altered or expired is answered 403; a missing file 404.
 */
@Controller('files')
export class FilesController {
  constructor(
    private readonly links: FileLinks,
    private readonly store: PortraitStore,
  ) {}

  @Get('photos/:personId/:variant')
  async photo(
    @Param('personId') personId: string,
    @Param('variant') variant: string,
    @Query('exp') expires: string | undefined,
    @Query('sig') signature: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    if (!isUuid(personId) || (variant !== 'full' && variant !== 'thumb')) {
      res.status(404).json({ message: 'No such file' });
      return;
    }
    if (!this.links.verify(`photos/${personId}/${variant}`, expires ?? '', signature ?? '')) {
      res.status(403).json({ message: 'This link is not valid or has expired: ask for a new one' });
      return;
    }
    const bytes = await this.store.read(personId, variant);
    if (!bytes) {
      res.status(404).json({ message: 'No portrait on file' });
      return;
    }
    res
      .status(200)
      .set({
        'content-type': 'image/jpeg',
        'cache-control': 'private, max-age=300',
        'x-content-type-options': 'nosniff',
      })
      .send(bytes);
  }
}
