// Where the dataset viewer is, where its images and audio come from, and whether the Hub token may go there. Pure.
//
// The token rule: the viewer gets the token only when it is part of the same deployment as the configured Hub —
//   * the Hub is https://huggingface.co and the viewer is https://datasets-server.huggingface.co (both defaults), or
//   * the Hub is another endpoint (a private Hub) and the user set `huggingface.datasetViewer.endpoint` in their own
//     settings (the setting is application-scoped, so no workspace can set it), which says the viewer belongs to it.
// A viewer set by hand while the Hub is huggingface.co (a mirror of the viewer, say) never gets the token; neither does
// the default viewer when the Hub is another endpoint. Even then the token goes only when a dataset needs it (the
// viewer answered 401 for a gated or private dataset), never for public ones.
import { DEFAULT_ENDPOINT, endpointProblem, normalizeEndpoint } from '../hub/endpoint';

export const DEFAULT_VIEWER = 'https://datasets-server.huggingface.co';

export interface ViewerEndpoint {
  /** Base URL of the viewer API, without a trailing slash. */
  endpoint: string;
  /** Origin the viewer's images and audio may come from (the page's CSP img-src and media-src). */
  assetOrigin: string;
  /** Whether the Hub token may be sent to `endpoint` (for datasets that need it). */
  tokenAllowed: boolean;
  /** Set when a configured value was refused and the default used instead. */
  problem?: string;
}

/** The viewer for the Hub at `hubEndpoint`, from the user's settings (undefined or empty: not set). */
export function resolveViewer(hubEndpoint: string, setting: string | undefined, assetSetting: string | undefined): ViewerEndpoint {
  const hubIsDefault = normalizeEndpoint(hubEndpoint) === DEFAULT_ENDPOINT;
  const given = setting?.trim();
  let endpoint = DEFAULT_VIEWER;
  let explicit = false;
  let problem: string | undefined;
  if (given) {
    const why = endpointProblem(given);
    if (why) {
      problem = `huggingface.datasetViewer.endpoint: ${why}`;
    } else {
      endpoint = normalizeEndpoint(given);
      explicit = true;
    }
  }
  const isDefault = endpoint === DEFAULT_VIEWER;
  const tokenAllowed = hubIsDefault ? isDefault : explicit;
  let assetOrigin = new URL(endpoint).origin;
  const asset = assetSetting?.trim();
  if (asset) {
    const why = endpointProblem(asset);
    if (why) {
      problem ??= `huggingface.datasetViewer.assetHost: ${why}`;
    } else {
      assetOrigin = new URL(asset).origin;
    }
  }
  return { endpoint, assetOrigin, tokenAllowed, ...(problem ? { problem } : {}) };
}
