// Reads the AWS credentials a provider's apiKey holds, and works out what SigV4 needs from the endpoint.

import { GatewayError } from '../../errors';
import type { AwsCredentials } from './sigv4';

export interface AwsSecret extends AwsCredentials {
  region?: string;
}

/** Accepts JSON `{accessKeyId, secretAccessKey, sessionToken?, region?}` or `ACCESS:SECRET[:REGION]`. */
export function parseAwsSecret(secret: string): AwsSecret {
  const text = secret.trim();
  if (text.startsWith('{')) {
    let parsed: Partial<AwsSecret>;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw invalid('the AWS credentials are not valid JSON');
    }
    if (typeof parsed.accessKeyId !== 'string' || typeof parsed.secretAccessKey !== 'string' || !parsed.accessKeyId || !parsed.secretAccessKey) {
      throw invalid('the AWS credentials need "accessKeyId" and "secretAccessKey"');
    }
    return {
      accessKeyId: parsed.accessKeyId,
      secretAccessKey: parsed.secretAccessKey,
      ...(typeof parsed.sessionToken === 'string' && parsed.sessionToken ? { sessionToken: parsed.sessionToken } : {}),
      ...(typeof parsed.region === 'string' && parsed.region ? { region: parsed.region } : {}),
    };
  }
  const parts = text.split(':');
  if (parts.length < 2 || parts.length > 3 || !parts[0] || !parts[1]) {
    throw invalid('the AWS credentials must be "ACCESS_KEY:SECRET_KEY[:REGION]" or a JSON object');
  }
  return { accessKeyId: parts[0], secretAccessKey: parts[1], ...(parts[2] ? { region: parts[2] } : {}) };
}

function invalid(message: string): GatewayError {
  return new GatewayError('invalid_request', message, { status: 500, code: 'provider_config_invalid' });
}

/** `bedrock-runtime.eu-west-1.amazonaws.com` → region and signing name; anything else (a test double) → undefined. */
export function parseAwsEndpoint(hostname: string): { service: string; region: string } | undefined {
  const match = /^([a-z0-9-]+)(?:-fips)?\.([a-z]{2}(?:-gov)?-[a-z]+-\d)\.amazonaws\.com(?:\.cn)?$/.exec(hostname);
  if (!match) return undefined;
  // Bedrock's runtime endpoints sign as "bedrock", not as their host prefix.
  const service = match[1].startsWith('bedrock') ? 'bedrock' : match[1];
  return { service, region: match[2] };
}
