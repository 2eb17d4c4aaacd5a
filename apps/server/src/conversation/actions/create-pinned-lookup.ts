import type { LookupAddress, LookupOptions } from 'node:dns';
import type { ResolvedAddress } from '../../security/ssrf-guard.ts';

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A socket `lookup` that answers with the addresses the SSRF guard already checked, whatever host it is
 * asked about: the connection cannot be steered elsewhere by a DNS answer that changed since the check
 * (DNS rebinding), while the URL keeps its host name for the Host header and TLS servername.
 */
export function createPinnedLookup(
  addresses: readonly ResolvedAddress[],
): (hostname: string, options: LookupOptions, callback: LookupCallback) => void {
  return (_hostname, options, callback) => {
    const wanted = options.family === 4 || options.family === 6 ? options.family : 0;
    const usable = addresses.filter((entry) => wanted === 0 || entry.family === wanted);
    const first = usable[0];
    if (first === undefined) {
      const error: NodeJS.ErrnoException = new Error('no checked address for the requested family');
      error.code = 'ENOTFOUND';
      callback(error, '', 0);
      return;
    }
    if (options.all === true)
      callback(
        null,
        usable.map((entry) => ({ address: entry.address, family: entry.family })),
      );
    else callback(null, first.address, first.family);
  };
}
