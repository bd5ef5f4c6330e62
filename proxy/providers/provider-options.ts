// Per-provider config blocks for providers whose endpoint needs more than a base URL and a key.
// The config loader adds these to `providers[]`: `azure`, `vertex`, `bedrock` (all optional).

import { z } from 'zod';

/** `providers[].azure`: Azure OpenAI deployments and API version. */
export const azureOptionsSchema = z
  .object({
    /** The Azure resource name: https://{resource}.openai.azure.com/openai (used when baseUrl is absent). */
    resource: z.string().regex(/^[A-Za-z0-9-]+$/, 'must be the bare resource name').optional(),
    /** The `api-version` query on every call, e.g. "2024-10-21"; "v1" selects the versionless /openai/v1 API. */
    apiVersion: z.string().min(1).optional(),
    /** Model name clients use → deployment name in Azure. Models not listed use their own name as the deployment. */
    deployments: z.record(z.string(), z.string().min(1)).optional(),
  })
  .strict();

/** `providers[].vertex`: the Google Cloud project and region that host the models. */
export const vertexOptionsSchema = z
  .object({
    project: z.string().min(1),
    /** A region such as "us-central1", or "global". */
    location: z.string().regex(/^[a-z0-9-]+$/, 'must be a region such as "us-central1" or "global"'),
  })
  .strict();

/** `providers[].bedrock`: the AWS region whose runtime endpoint to call. */
export const bedrockOptionsSchema = z
  .object({
    region: z.string().regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, 'must be an AWS region such as "us-east-1"'),
  })
  .strict();

export type AzureOptions = z.infer<typeof azureOptionsSchema>;
export type VertexOptions = z.infer<typeof vertexOptionsSchema>;
export type BedrockOptions = z.infer<typeof bedrockOptionsSchema>;

export interface ProviderEndpointConfig {
  kind: string;
  baseUrl?: string;
  azure?: AzureOptions;
  vertex?: VertexOptions;
  bedrock?: BedrockOptions;
}
