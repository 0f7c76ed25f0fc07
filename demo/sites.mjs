// The demo as two sites: the vault app (the package's dist/, on 127.0.0.1) and the Northwind shop
// (demo/, on localhost), two origins to the browser. The shop's server also verifies answers the
// vault POSTs to it (OpenID4VP direct_post).
import { fileURLToPath } from 'node:url';
import { serve } from '../scripts/serve.mjs';
import { shopApi } from './shop-api.mjs';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

/** Starts both sites; ports 0 pick free ones. Resolves to their origins and a close(). */
export async function startSites({ vaultPort = 0, shopPort = 0, responsesFile } = {}) {
  const vault = await serve({ root: here('../dist/'), port: vaultPort, mounts: { '/samples/': here('./data/customers/') } });
  const vaultOrigin = `http://127.0.0.1:${vault.address().port}`;
  const api = shopApi({ vaultOrigin, responsesFile });
  const shop = await serve({ root: here('./'), port: shopPort, mounts: { '/selfcrm/': here('../dist/') }, handle: api.handle });
  const shopOrigin = `http://localhost:${shop.address().port}`;
  api.setOrigin(shopOrigin);
  const close = () => Promise.all([vault, shop].map((s) => new Promise((resolve) => { s.closeAllConnections?.(); s.close(resolve); })));
  return { vaultOrigin, shopOrigin, vaultUrl: `${vaultOrigin}/app/`, close };
}
