import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { isUuid } from '#libs/common/ids.js';
import { CardPrintsService } from '#apps/accreditation/cards/card-prints.service.js';
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
    private readonly prints: CardPrintsService,
  ) {}

  @Get('cards/:accreditationId')
  async card(
    @Param('accreditationId') id: string,
    @Query('exp') expires: string | undefined,
    @Query('sig') signature: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    if (!this.allowed(res, id, `cards/${id}`, expires, signature)) return;
    this.sendPdf(res, await this.prints.cardPdf(id), 'card');
  }

  @Get('print-runs/:runId')
  async printRun(
    @Param('runId') id: string,
    @Query('exp') expires: string | undefined,
    @Query('sig') signature: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    if (!this.allowed(res, id, `print-runs/${id}`, expires, signature)) return;
    this.sendPdf(res, await this.prints.printRunPdf(id), 'cards');
  }

  private allowed(
    res: Response,
    id: string,
    resource: string,
    expires: string | undefined,
    signature: string | undefined,
  ): boolean {
    if (!isUuid(id)) {
      res.status(404).json({ message: 'No such file' });
      return false;
    }
    if (!this.links.verify(resource, expires ?? '', signature ?? '')) {
      res.status(403).json({ message: 'This link is not valid or has expired: ask for a new one' });
      return false;
    }
    return true;
  }

  private sendPdf(res: Response, pdf: Uint8Array | null, name: string): void {
    if (!pdf) {
      res.status(404).json({ message: 'No card to print' });
      return;
    }
    res
      .status(200)
      .set({
        'content-type': 'application/pdf',
        'content-disposition': `inline; filename="${name}.pdf"`,
        'cache-control': 'private, no-store',
      })
      .send(Buffer.from(pdf));
  }

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
