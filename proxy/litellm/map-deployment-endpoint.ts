// One LiteLLM deployment's connection settings (api_base, keys, Azure/Vertex/Bedrock specifics) →
// the Switchyard provider fields, reporting what cannot be carried over.

import { envNameOf, isLitellmEnvRef, toSwitchyardSecret } from './env-ref';

export interface DeploymentEndpoint {
  kind: string;
  baseUrl?: string;
  apiKey?: string;
  headers?: Record<string, string>;
  azure?: { apiVersion?: string };
  vertex?: { project: string; location: string };
  bedrock?: { region: string };
  unmapped: string[];
}

export function mapDeploymentEndpoint(kind: string, params: Record<string, unknown>, env: Record<string, string | undefined>): DeploymentEndpoint {
  const unmapped: string[] = [];
  const out: DeploymentEndpoint = { kind, unmapped };

  const rawBase = params.api_base ?? params.base_url;
  const base = resolvePlain(rawBase, 'api_base', env, unmapped);
  if (base) out.baseUrl = normalizeBaseUrl(kind, base);
  // LiteLLM's HTTP client refuses these too; the imported config would not load until they are fixed.
  if (base && !base.startsWith('env:') && !/^https?:\/\//i.test(base)) unmapped.push(`api_base "${base}" is not an http:// or https:// URL; fix baseUrl by hand`);
  if (kind === 'azure' && !out.baseUrl) unmapped.push('Azure needs api_base (https://<resource>.openai.azure.com); set baseUrl by hand');

  const key = toSwitchyardSecret(params.api_key);
  if (key) out.apiKey = key;

  if (kind === 'azure') {
    const version = resolvePlain(params.api_version, 'api_version', env, unmapped);
    if (version) out.azure = { apiVersion: version };
  } else if (params.api_version !== undefined) {
    unmapped.push('api_version only applies to Azure; ignored');
  }

  if (params.extra_headers && typeof params.extra_headers === 'object') {
    out.headers = Object.fromEntries(Object.entries(params.extra_headers as Record<string, unknown>).map(([k, v]) => [k, toSwitchyardSecret(v) ?? '']));
  }

  if (kind === 'bedrock') mapBedrock(params, env, out, unmapped);
  if (kind === 'vertex') mapVertex(params, env, out, unmapped);
  return out;
}

/** Values that are not secrets (URLs, regions, versions) cannot stay env references: resolve them now if possible. */
function resolvePlain(value: unknown, field: string, env: Record<string, string | undefined>, unmapped: string[]): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (!isLitellmEnvRef(value)) return String(value);
  const name = envNameOf(value);
  const resolved = env[name];
  if (resolved) {
    unmapped.push(`${field} ${value} was resolved from the environment at import time (${resolved})`);
    return resolved;
  }
  unmapped.push(`${field} ${value} is not set in this environment; written as "env:${name}", replace it with the real value`);
  return `env:${name}`;
}

/** LiteLLM appends API paths itself for some providers; Switchyard's base URLs include the version prefix. */
function normalizeBaseUrl(kind: string, url: string): string {
  if (url.startsWith('env:')) return url;
  const trimmed = url.replace(/\/+$/, '');
  if (kind === 'azure') return trimmed.endsWith('/openai') ? trimmed : `${trimmed}/openai`;
  if ((kind === 'ollama' || kind === 'anthropic') && !/\/v1$/.test(trimmed)) return `${trimmed}/v1`;
  return trimmed;
}

function mapBedrock(params: Record<string, unknown>, env: Record<string, string | undefined>, out: DeploymentEndpoint, unmapped: string[]): void {
  const region = resolvePlain(params.aws_region_name, 'aws_region_name', env, unmapped);
  if (region) out.bedrock = { region };
  const access = params.aws_access_key_id;
  const secret = params.aws_secret_access_key;
  if (access === undefined && secret === undefined) {
    unmapped.push('no AWS keys given (LiteLLM would use the default AWS credential chain); set apiKey to "ACCESS_KEY:SECRET_KEY[:REGION]"');
    return;
  }
  if (typeof access === 'string' && typeof secret === 'string' && !isLitellmEnvRef(access) && !isLitellmEnvRef(secret)) {
    out.apiKey = `${access}:${secret}`;
  } else {
    // Switchyard keeps AWS credentials in one secret; two env references cannot be joined in a config file.
    unmapped.push(
      `AWS keys ${describeSecret(access)} and ${describeSecret(secret)} must become one secret "ACCESS_KEY:SECRET_KEY" (or JSON); set apiKey to e.g. "env:BEDROCK_CREDENTIALS"`,
    );
  }
  if (params.aws_session_token !== undefined) unmapped.push('aws_session_token: put it in a JSON apiKey {accessKeyId, secretAccessKey, sessionToken}');
}

/** How a credential is named in a message: its env reference, never a literal value. */
function describeSecret(value: unknown): string {
  if (isLitellmEnvRef(value)) return value;
  return value === undefined ? '(missing)' : '(a literal value)';
}

function mapVertex(params: Record<string, unknown>, env: Record<string, string | undefined>, out: DeploymentEndpoint, unmapped: string[]): void {
  const project = resolvePlain(params.vertex_project, 'vertex_project', env, unmapped);
  const location = resolvePlain(params.vertex_location, 'vertex_location', env, unmapped) ?? 'us-central1';
  if (project) out.vertex = { project, location };
  else unmapped.push('vertex_project is missing; set vertex.project by hand');
  const credentials = params.vertex_credentials;
  if (isLitellmEnvRef(credentials)) out.apiKey = `env:${envNameOf(credentials)}`;
  else if (typeof credentials === 'string' && credentials.trim().startsWith('{')) out.apiKey = credentials;
  else if (credentials !== undefined) unmapped.push(`vertex_credentials ${String(credentials)}: Switchyard needs the key JSON itself (e.g. "env:NAME" or "keychain:NAME"), not a file path`);
  else unmapped.push('no vertex_credentials (LiteLLM would use application-default credentials); set apiKey to the service-account JSON');
}
