import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parse } from 'yaml';
import { convertLitellmConfig, parseLitellmModel } from './convert-litellm-config';
import { LITELLM_CONFIG_FIXTURE } from './fixtures/fixture-paths';
import { configSchema } from '../config/schema';

const FIXTURE = LITELLM_CONFIG_FIXTURE;

test('a realistic LiteLLM config converts into providers, routes and an admin token', () => {
  const { config, unmapped } = convertLitellmConfig(parse(readFileSync(FIXTURE, 'utf8')), { COMPANY_LLM_BASE: 'https://llm.corp.example/v1' });
  assert.equal(config.adminToken, 'env:LITELLM_MASTER_KEY');
  assert.deepEqual(config.providers, [
    { id: 'openai', kind: 'openai', apiKey: 'env:OPENAI_API_KEY', models: ['gpt-4o', 'gpt-4o-mini'] },
    { id: 'azure', kind: 'azure', baseUrl: 'https://contoso-eastus.openai.azure.com/openai', apiKey: 'env:AZURE_API_KEY', azure: { apiVersion: '2024-10-21' }, models: ['gpt-4o-eastus'] },
    {
      id: 'anthropic', kind: 'anthropic', apiKey: 'env:ANTHROPIC_API_KEY', models: ['claude-sonnet-4-20250514'],
      prices: { 'claude-sonnet-4-20250514': { input: 3, output: 15, cachedInput: 0.3, cacheWrite: 3.75 } },
    },
    { id: 'bedrock', kind: 'bedrock', bedrock: { region: 'us-west-2' }, models: ['anthropic.claude-3-5-sonnet-20240620-v1:0'] },
    { id: 'gemini', kind: 'gemini', apiKey: 'env:GEMINI_API_KEY', models: ['gemini-2.5-flash'] },
    { id: 'vertex', kind: 'vertex', apiKey: 'env:VERTEX_SERVICE_ACCOUNT_JSON', vertex: { project: 'acme-ml-prod', location: 'europe-west4' }, models: ['gemini-2.5-pro'] },
    { id: 'groq', kind: 'groq', apiKey: 'env:GROQ_API_KEY', models: ['llama-3.3-70b-versatile'] },
    { id: 'ollama', kind: 'ollama', baseUrl: 'http://localhost:11434/v1', models: ['llama3.1:8b'] },
    { id: 'vllm', kind: 'vllm', baseUrl: 'http://127.0.0.1:8000/v1', models: ['meta-llama/Llama-3.1-8B-Instruct'] },
    { id: 'openai-2', kind: 'openai', baseUrl: 'https://llm.corp.example/v1', apiKey: 'env:COMPANY_LLM_KEY', models: ['internal-model'] },
  ]);
  assert.deepEqual(config.routes, [
    // simple-shuffle weights become a weighted pool; then fallbacks turn it into one ordered list.
    { name: 'gpt-4o', strategy: 'fallback', targets: ['openai/gpt-4o', 'azure/gpt-4o-eastus', 'anthropic/claude-sonnet-4-20250514', 'bedrock/anthropic.claude-3-5-sonnet-20240620-v1:0'], retry: { attempts: 3 } },
    { name: 'gpt-4o-mini', strategy: 'fallback', targets: ['openai/gpt-4o-mini'], retry: { attempts: 3 } },
    { name: 'claude-sonnet', strategy: 'fallback', targets: ['anthropic/claude-sonnet-4-20250514'], retry: { attempts: 3 } },
    { name: 'bedrock-claude', strategy: 'fallback', targets: ['bedrock/anthropic.claude-3-5-sonnet-20240620-v1:0'], retry: { attempts: 3 } },
    { name: 'gemini-flash', strategy: 'fallback', targets: ['gemini/gemini-2.5-flash', 'openai/gpt-4o-mini'], retry: { attempts: 3 } },
    { name: 'vertex-pro', strategy: 'fallback', targets: ['vertex/gemini-2.5-pro'], retry: { attempts: 3 } },
    { name: 'fast-llama', strategy: 'fallback', targets: ['groq/llama-3.3-70b-versatile', 'ollama/llama3.1:8b', 'vllm/meta-llama/Llama-3.1-8B-Instruct'], retry: { attempts: 3 } },
    { name: 'local-llama', strategy: 'weighted', targets: ['ollama/llama3.1:8b', 'vllm/meta-llama/Llama-3.1-8B-Instruct'], retry: { attempts: 3 } },
    { name: 'company-gateway', strategy: 'fallback', targets: ['openai-2/internal-model'], retry: { attempts: 3 } },
  ]);
  const expectedMentions = [
    /litellm_params\.rpm/,
    /litellm_params\.tpm/,
    /model_info/,
    /AWS keys os\.environ\/AWS_ACCESS_KEY_ID and os\.environ\/AWS_SECRET_ACCESS_KEY/,
    /api_base os\.environ\/COMPANY_LLM_BASE was resolved/,
    /litellm_params\.temperature/,
    /wildcard/,
    /litellm_settings\.drop_params/,
    /litellm_settings\.success_callback/,
    /"missing-model" is not a model_name/,
    /general_settings\.database_url/,
    /weighted pool and its fallbacks become one ordered fallback list/,
  ];
  for (const pattern of expectedMentions) assert.ok(unmapped.some((line) => pattern.test(line)), `expected a line matching ${pattern}:\n${unmapped.join('\n')}`);
  // router_settings.timeout bounds a whole call: the router-wide deadline, not a first-byte wait.
  assert.deepEqual(config.routing, { deadlineMs: 30000 });
  // num_retries is mapped (retry.attempts), so not reported; the deadline's difference is.
  assert.deepEqual(unmapped.filter((line) => /num_retries|timeout/.test(line)), [
    'router_settings.timeout 30 s → routing.deadlineMs 30000: no attempt starts or waits for its first byte past it, but a stream that has started is not cut',
  ]);
});

const STRATEGY_ROWS = [
  { name: 'latency-based-routing → fastest', input: 'latency-based-routing', expected: 'fastest', warns: false },
  { name: 'cost-based-routing → cheapest', input: 'cost-based-routing', expected: 'cheapest', warns: false },
  { name: 'simple-shuffle → weighted', input: 'simple-shuffle', expected: 'weighted', warns: false },
  { name: 'usage-based-routing is reported and falls back to weighted', input: 'usage-based-routing-v2', expected: 'weighted', warns: true },
];
for (const row of STRATEGY_ROWS) {
  test(`routing strategy ${row.name}`, () => {
    const doc = {
      model_list: [
        { model_name: 'm', litellm_params: { model: 'openai/a', api_key: 'sk-a' } },
        { model_name: 'm', litellm_params: { model: 'openai/b', api_key: 'sk-a' } },
      ],
      router_settings: { routing_strategy: row.input },
    };
    const { config, unmapped } = convertLitellmConfig(doc);
    assert.equal(config.routes[0].strategy, row.expected);
    assert.deepEqual(config.routes[0].targets, ['openai/a', 'openai/b']);
    assert.equal(unmapped.some((l) => l.includes('routing_strategy')), row.warns);
  });
}

test('weights are kept for a weighted pool', () => {
  const { config } = convertLitellmConfig({
    model_list: [
      { model_name: 'm', litellm_params: { model: 'groq/a', weight: 2 } },
      { model_name: 'm', litellm_params: { model: 'together_ai/b' } },
    ],
  });
  assert.deepEqual(config.routes[0], { name: 'm', strategy: 'weighted', targets: [{ target: 'groq/a', weight: 2 }, { target: 'together/b', weight: 1 }] });
});

const BALANCE_ROWS: Array<{ name: string; params: Array<Record<string, unknown>>; strategy?: string; expected: unknown[] }> = [
  { name: 'rpm weighs a simple-shuffle pool, as LiteLLM does', params: [{ rpm: 900 }, { rpm: 100 }], expected: [{ target: 'azure/a', weight: 900 }, { target: 'azure-2/b', weight: 100 }] },
  { name: 'tpm when no rpm is set', params: [{ tpm: 200000 }, { tpm: 50000 }], expected: [{ target: 'azure/a', weight: 200000 }, { target: 'azure-2/b', weight: 50000 }] },
  { name: 'weight wins over rpm', params: [{ weight: 1, rpm: 900 }, { weight: 3, rpm: 100 }], expected: [{ target: 'azure/a', weight: 1 }, { target: 'azure-2/b', weight: 3 }] },
  { name: 'equal rpm is an even pool', params: [{ rpm: 60 }, { rpm: 60 }], expected: ['azure/a', 'azure-2/b'] },
  { name: 'latency-based routing uses no weights', params: [{ rpm: 900 }, { rpm: 100 }], strategy: 'latency-based-routing', expected: ['azure/a', 'azure-2/b'] },
];
for (const row of BALANCE_ROWS) {
  test(`load balancing: ${row.name}`, () => {
    const { config, unmapped } = convertLitellmConfig({
      model_list: row.params.map((extra, i) => ({ model_name: 'gpt-4o', litellm_params: { model: `azure/${'ab'[i]}`, api_base: `https://r${i}.openai.azure.com`, ...extra } })),
      ...(row.strategy ? { router_settings: { routing_strategy: row.strategy } } : {}),
    });
    assert.deepEqual(config.routes[0]!.targets, row.expected);
    if (row.params[0]!.rpm !== undefined) assert.ok(unmapped.some((l) => /litellm_params\.rpm is kept only as a load-balancing weight/.test(l)), unmapped.join('\n'));
  });
}

test('literal AWS keys become one ACCESS:SECRET secret; a short literal master key is refused', () => {
  const { config, unmapped } = convertLitellmConfig({
    model_list: [{ model_name: 'b', litellm_params: { model: 'bedrock/amazon.nova-pro-v1:0', aws_access_key_id: 'AKIA1', aws_secret_access_key: 'abc', aws_region_name: 'eu-central-1' } }],
    general_settings: { master_key: 'sk-1234' },
  });
  assert.equal(config.providers[0].apiKey, 'AKIA1:abc');
  assert.equal(config.adminToken, undefined);
  assert.ok(unmapped.some((l) => /master_key is shorter/.test(l)));
});

const AWS_KEY_ROWS: Array<{ name: string; params: Record<string, string>; expected: RegExp }> = [
  { name: 'a literal access key with an env secret', params: { aws_access_key_id: 'AKIAIOSFODNN7EXAMPLE', aws_secret_access_key: 'os.environ/AWS_SECRET' }, expected: /AWS keys \(a literal value\) and os\.environ\/AWS_SECRET must become one secret/ },
  { name: 'an env access key with a literal secret', params: { aws_access_key_id: 'os.environ/AWS_ID', aws_secret_access_key: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' }, expected: /AWS keys os\.environ\/AWS_ID and \(a literal value\) must become one secret/ },
  { name: 'only a secret', params: { aws_secret_access_key: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' }, expected: /AWS keys \(missing\) and \(a literal value\)/ },
];
for (const row of AWS_KEY_ROWS) {
  test(`AWS keys that cannot be joined are reported without their literal values: ${row.name}`, () => {
    const { config, unmapped } = convertLitellmConfig({ model_list: [{ model_name: 'b', litellm_params: { model: 'bedrock/amazon.nova-pro-v1:0', aws_region_name: 'us-east-1', ...row.params } }] });
    assert.equal(config.providers[0].apiKey, undefined);
    assert.ok(unmapped.some((line) => row.expected.test(line)), unmapped.join('\n'));
    for (const value of Object.values(row.params)) {
      if (!value.startsWith('os.environ/')) assert.ok(!unmapped.join('\n').includes(value), 'a literal key is never printed');
    }
  });
}

const FALLBACK_ROWS: Array<{ name: string; fallbacks: unknown[]; expected: string[]; line?: RegExp }> = [
  { name: 'a single name instead of a list', fallbacks: [{ a: 'b' }], expected: ['openai/a'], line: /fallbacks for "a": "b" is not a list of model_names; skipped/ },
  { name: 'a map instead of a list', fallbacks: [{ a: { b: 1 } }], expected: ['openai/a'], line: /fallbacks for "a": \{"b":1\} is not a list of model_names; skipped/ },
  { name: 'a list', fallbacks: [{ a: ['b'] }], expected: ['openai/a', 'openai/b'] },
];
for (const row of FALLBACK_ROWS) {
  test(`fallbacks: ${row.name}`, () => {
    const { config, unmapped } = convertLitellmConfig({
      model_list: [
        { model_name: 'a', litellm_params: { model: 'openai/a' } },
        { model_name: 'b', litellm_params: { model: 'openai/b' } },
      ],
      router_settings: { fallbacks: row.fallbacks },
    });
    assert.deepEqual(config.routes[0]!.targets, row.expected);
    if (row.line) assert.ok(unmapped.some((l) => row.line!.test(l)), unmapped.join('\n'));
    else assert.ok(!unmapped.some((l) => l.includes('fallbacks')), unmapped.join('\n'));
  });
}

const CUSTOM_PROVIDER_ROWS: Array<{ name: string; params: Record<string, string>; expected: { kind: string; target: string } }> = [
  { name: 'a bare model on Together', params: { model: 'meta-llama/Llama-3.3-70B-Instruct-Turbo', custom_llm_provider: 'together_ai' }, expected: { kind: 'together', target: 'together/meta-llama/Llama-3.3-70B-Instruct-Turbo' } },
  { name: 'a bare model on Anthropic', params: { model: 'my-claude-alias', custom_llm_provider: 'anthropic' }, expected: { kind: 'anthropic', target: 'anthropic/my-claude-alias' } },
  { name: 'a model that already has the prefix', params: { model: 'groq/llama-3.3-70b-versatile', custom_llm_provider: 'groq' }, expected: { kind: 'groq', target: 'groq/llama-3.3-70b-versatile' } },
];
for (const row of CUSTOM_PROVIDER_ROWS) {
  test(`custom_llm_provider: ${row.name}`, () => {
    const { config, unmapped } = convertLitellmConfig({ model_list: [{ model_name: 'm', litellm_params: row.params }] });
    assert.equal(config.providers[0]!.kind, row.expected.kind);
    assert.deepEqual(config.routes[0]!.targets, [row.expected.target]);
    assert.ok(!unmapped.some((l) => /custom_llm_provider|no provider prefix/.test(l)), unmapped.join('\n'));
  });
}

// Nothing is dropped without a line on stderr.
const REPORTED_ROWS: Array<{ name: string; doc: Record<string, unknown>; line?: RegExp; check?: (config: ReturnType<typeof convertLitellmConfig>['config']) => void }> = [
  {
    name: 'fallbacks written as one map instead of a list',
    doc: { model_list: [{ model_name: 'a', litellm_params: { model: 'openai/a' } }, { model_name: 'b', litellm_params: { model: 'openai/b' } }], router_settings: { fallbacks: { a: ['b'] } } },
    line: /router_settings\.fallbacks is not a list of \{model: \[fallbacks\]\} maps; skipped/,
  },
  {
    name: 'a price that is not a number',
    doc: { model_list: [{ model_name: 'a', litellm_params: { model: 'openai/a', input_cost_per_token: 'free', output_cost_per_token: 0.00001 } }] },
    line: /model_list\[0\] \(a\): litellm_params\.input_cost_per_token "free" is not a USD price per token; ignored/,
  },
  {
    name: 'only an output price',
    doc: { model_list: [{ model_name: 'a', litellm_params: { model: 'openai/a', output_cost_per_token: 0.00001 } }] },
    line: /only output_cost_per_token is given; the other price is written as 0/,
    check: (config) => assert.deepEqual(config.providers[0]!.prices, { a: { input: 0, output: 10 } }),
  },
  {
    name: 'a quoted price is still read (and not reported)',
    doc: { model_list: [{ model_name: 'a', litellm_params: { model: 'openai/a', input_cost_per_token: '0.000003', output_cost_per_token: '0.000015' } }] },
    check: (config) => assert.deepEqual(config.providers[0]!.prices, { a: { input: 3, output: 15 } }),
  },
  {
    name: 'the same deployment listed twice',
    doc: { model_list: [{ model_name: 'a', litellm_params: { model: 'openai/a', rpm: 10 } }, { model_name: 'a', litellm_params: { model: 'openai/a', rpm: 10 } }] },
    line: /model_list\[1\] \(a\): the same deployment as an earlier entry \(openai\/a\); merged into it/,
  },
];
for (const row of REPORTED_ROWS) {
  test(`reported, not dropped: ${row.name}`, () => {
    const { config, unmapped } = convertLitellmConfig(row.doc);
    if (row.line) assert.ok(unmapped.some((l) => row.line!.test(l)), unmapped.join('\n'));
    else assert.deepEqual(unmapped, []);
    row.check?.(config);
  });
}

const MODEL_ROWS = [
  { input: 'openai/gpt-4o', expected: { prefix: 'openai', kind: 'openai', model: 'gpt-4o' } },
  { input: 'bedrock/converse/us.anthropic.claude-3-7-sonnet-20250219-v1:0', expected: { prefix: 'bedrock', kind: 'bedrock', model: 'us.anthropic.claude-3-7-sonnet-20250219-v1:0' } },
  { input: 'together_ai/meta-llama/Llama-3.3-70B-Instruct-Turbo', expected: { prefix: 'together_ai', kind: 'together', model: 'meta-llama/Llama-3.3-70B-Instruct-Turbo' } },
  { input: 'claude-3-5-haiku-20241022', expected: { kind: 'anthropic', model: 'claude-3-5-haiku-20241022' } },
  { input: 'sagemaker/my-endpoint', expected: undefined },
];
for (const row of MODEL_ROWS) {
  test(`parseLitellmModel ${row.input}`, () => assert.deepEqual(parseLitellmModel(row.input), row.expected));
}

test('a document without model_list is refused', () => {
  assert.throws(() => convertLitellmConfig({ general_settings: {} }), /model_list/);
});

const API_BASE_ROWS: Array<{ name: string; apiBase: string; warns: boolean }> = [
  { name: 'an https URL', apiBase: 'https://llm.corp.example/v1', warns: false },
  { name: 'an env reference', apiBase: 'os.environ/UNSET_BASE_FOR_TEST', warns: false },
  { name: 'a host and port without a scheme', apiBase: 'localhost:11434', warns: true },
  { name: 'an ftp URL', apiBase: 'ftp://files.example', warns: true },
];

for (const row of API_BASE_ROWS) {
  test(`api_base that is ${row.name}${row.warns ? ' is reported' : ' is not reported'}`, () => {
    const { unmapped } = convertLitellmConfig({ model_list: [{ model_name: 'm', litellm_params: { model: 'openai/gpt-4o', api_base: row.apiBase } }] }, {});
    assert.equal(unmapped.some((line) => /is not an http:\/\/ or https:\/\/ URL/.test(line)), row.warns, unmapped.join('\n'));
  });
}

// num_retries N is N retries (N+1 attempts); timeouts are seconds. A deployment's own litellm_params
// win. LiteLLM's `timeout` bounds a whole call: router-wide it is routing.deadlineMs (its difference
// reported), per deployment it has no home (reported, naming the deployment). `stream_timeout` bounds
// the wait for a stream's first chunk, which is providers[].timeoutMs.
const DEADLINE_NOTE = /^router_settings\.timeout \S+ s → routing\.deadlineMs \d+: .*a stream that has started is not cut$/;
const RELIABILITY_ROWS: Array<{
  name: string;
  router?: Record<string, unknown>;
  params: Array<Record<string, unknown>>;
  expected: { retry?: { attempts: number }; timeoutMs: Array<number | undefined>; deadlineMs?: number; lines: RegExp[] };
}> = [
  {
    name: 'router num_retries 2 → 3 attempts, timeout 30 s → a 30000 ms deadline', router: { num_retries: 2, timeout: 30 }, params: [{}],
    expected: { retry: { attempts: 3 }, timeoutMs: [undefined], deadlineMs: 30000, lines: [DEADLINE_NOTE] },
  },
  { name: 'num_retries 0 → one attempt', router: { num_retries: 0 }, params: [{}], expected: { retry: { attempts: 1 }, timeoutMs: [undefined], lines: [] } },
  { name: 'a fractional router timeout', router: { timeout: 2.5 }, params: [{}], expected: { timeoutMs: [undefined], deadlineMs: 2500, lines: [DEADLINE_NOTE] } },
  {
    name: 'num_retries past the schema cap is capped at 10 attempts and reported', router: { num_retries: 25 }, params: [{}],
    expected: { retry: { attempts: 10 }, timeoutMs: [undefined], lines: [/^route "m": num_retries 25 is more than Switchyard allows; retry\.attempts capped at 10/] },
  },
  { name: 'num_retries 9 is exactly the cap, not reported', router: { num_retries: 9 }, params: [{}], expected: { retry: { attempts: 10 }, timeoutMs: [undefined], lines: [] } },
  {
    name: "a deployment's own num_retries overrides the router's; its own timeout is reported, not made a first-byte wait",
    router: { num_retries: 1, timeout: 30 }, params: [{ timeout: 90, num_retries: 4 }],
    expected: {
      retry: { attempts: 5 }, timeoutMs: [undefined], deadlineMs: 30000,
      lines: [DEADLINE_NOTE, /^model_list\[0\] \(m\): litellm_params\.timeout 90 s limits a whole call to this deployment; .* not carried over$/],
    },
  },
  { name: 'router stream_timeout 10 s → every provider waits 10000 ms for its first byte', router: { stream_timeout: 10 }, params: [{}, {}], expected: { timeoutMs: [10000, 10000], lines: [] } },
  {
    name: "a deployment's own stream_timeout wins over the router's", router: { stream_timeout: 10 }, params: [{ stream_timeout: 2.5 }, {}],
    expected: { timeoutMs: [2500, 10000], lines: [] },
  },
  {
    name: 'stream_timeout and timeout on one deployment: the first is carried, the second reported', params: [{ stream_timeout: 20, timeout: 600 }],
    expected: { timeoutMs: [20000], lines: [/^model_list\[0\] \(m\): litellm_params\.timeout 600 s limits a whole call to this deployment;/] },
  },
  {
    name: 'deployments of one route with different num_retries: the largest, reported', params: [{ num_retries: 1 }, { num_retries: 3 }],
    expected: { retry: { attempts: 4 }, timeoutMs: [undefined, undefined], lines: [/^route "m": its deployments ask for different num_retries \(1, 3\); the route retries each target up to 3 times/] },
  },
  {
    name: 'a quoted number is still read', router: { num_retries: '2', timeout: '10', stream_timeout: '4' }, params: [{}],
    expected: { retry: { attempts: 3 }, timeoutMs: [4000], deadlineMs: 10000, lines: [DEADLINE_NOTE] },
  },
  {
    name: 'a negative num_retries is reported and ignored', router: { num_retries: -1 }, params: [{}],
    expected: { timeoutMs: [undefined], lines: [/^router_settings\.num_retries -1 is not a whole number of retries; ignored/] },
  },
  {
    name: 'a timeout that is not a number is reported and ignored', params: [{ timeout: 'soon' }],
    expected: { timeoutMs: [undefined], lines: [/^model_list\[0\] \(m\): litellm_params\.timeout "soon" is not a number of seconds; ignored/] },
  },
  {
    name: 'a stream_timeout that is not a number is reported and ignored', router: { stream_timeout: 0 }, params: [{ stream_timeout: 'later' }],
    expected: {
      timeoutMs: [undefined],
      lines: [/^router_settings\.stream_timeout 0 is not a number of seconds; ignored/, /^model_list\[0\] \(m\): litellm_params\.stream_timeout "later" is not a number of seconds; ignored/],
    },
  },
];
for (const row of RELIABILITY_ROWS) {
  test(`num_retries and timeouts: ${row.name}`, () => {
    const { config, unmapped } = convertLitellmConfig({
      model_list: row.params.map((extra, i) => ({ model_name: 'm', litellm_params: { model: `openai/${'ab'[i]}`, api_base: `https://r${i}.example/v1`, ...extra } })),
      ...(row.router ? { router_settings: { routing_strategy: 'latency-based-routing', ...row.router } } : {}),
    });
    assert.deepEqual(config.routes[0]!.retry, row.expected.retry);
    assert.deepEqual(config.providers.map((p) => p.timeoutMs), row.expected.timeoutMs);
    assert.deepEqual(config.routing, row.expected.deadlineMs === undefined ? undefined : { deadlineMs: row.expected.deadlineMs });
    assert.equal(unmapped.length, row.expected.lines.length, unmapped.join('\n'));
    for (const line of row.expected.lines) assert.ok(unmapped.some((l) => line.test(l)), `expected a line matching ${line}:\n${unmapped.join('\n')}`);
  });
}

test('the imported timeouts are a valid Switchyard config', () => {
  const { config } = convertLitellmConfig({
    model_list: [{ model_name: 'm', litellm_params: { model: 'openai/a', api_key: 'sk-a', stream_timeout: 7.5 } }],
    router_settings: { timeout: 45 },
  });
  const parsed = configSchema.parse(config);
  assert.deepEqual([parsed.routing?.deadlineMs, parsed.providers[0]!.timeoutMs], [45000, 7500]);
});

const NOTHING_IMPORTABLE_ROWS: Array<{ name: string; modelList: unknown[]; reason: RegExp }> = [
  { name: 'an unsupported provider prefix', modelList: [{ model_name: 'm', litellm_params: { model: 'sagemaker/my-endpoint' } }], reason: /model_list\[0\] \(m\): provider prefix of "sagemaker\/my-endpoint" is not supported/ },
  { name: 'only a wildcard', modelList: [{ model_name: '*', litellm_params: { model: 'openai/*' } }], reason: /model_list\[0\] \(\*\): wildcard routing is not imported/ },
  { name: 'entries without a model', modelList: [{ model_name: 'a' }, { litellm_params: { model: 'openai/b' } }], reason: /model_list\[1\]: needs model_name and litellm_params\.model/ },
];
for (const row of NOTHING_IMPORTABLE_ROWS) {
  test(`nothing importable is an error naming why: ${row.name}`, () => {
    assert.throws(
      () => convertLitellmConfig({ model_list: row.modelList }),
      (err: Error) => new RegExp(`^nothing could be imported: none of the ${row.modelList.length} model_list entries`).test(err.message) && row.reason.test(err.message),
    );
  });
}

test('an empty model_list is not an error (there was nothing to import)', () => {
  assert.deepEqual(convertLitellmConfig({ model_list: [] }).config, { providers: [], routes: [] });
});
