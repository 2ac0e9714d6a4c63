// deploy/ checked without a cluster or a Docker engine: the Dockerfile's stages and non-root targets, the Kubernetes
// objects (images, probes on the server's real probe paths, resources, non-root security contexts, Secret and
// ConfigMap references, Service/Ingress/ServiceMonitor wiring, the read-only replicas behind the Ingress sharing the
// primary's users in PostgreSQL, the HPA on queue depth), and alert rules and dashboard queries that name only metrics
// something exports.
import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../support/builtApp';
import { MessageBus } from '../../../src/main/bus/messageBus';
import { ServerMetrics } from '../../../src/main/team/serverMetrics';
import { PROBE_PATHS } from '../../../src/main/headless/httpServer';
import { DEFAULT_PORT } from '../../../src/cli/commands/serve';
import { parsePrimaryUrl } from '../../../src/main/team/primaryAddress';

// js-yaml is in the lock through electron-updater; the manifests stay plain YAML.
const { loadAll } = createRequire(import.meta.url)('js-yaml') as { loadAll: (text: string) => unknown[] };

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed YAML, each field asserted where it is read
type K8sObject = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string> }; spec: any };

const deploy = (...parts: string[]) => join(ROOT, 'deploy', ...parts);
const objects = (file: string) => loadAll(readFileSync(deploy('k8s', file), 'utf8')).filter(Boolean) as K8sObject[];
const all = [...objects('configmap.yaml'), ...objects('server.yaml'), ...objects('replica.yaml'), ...objects('worker.yaml')];
const find = (kind: string, name: string) => {
  const found = all.find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name} in deploy/k8s`);
  return found;
};

/** Metrics made by parts other than the server's own registry (the sync's lag, the research workers' queue). */
const EXTERNAL_METRICS = new Set(['up', 'nautilus_research_jobs_waiting', 'nautilus_research_jobs_active', 'nautilus_research_jobs_completed_total']);

function serverMetricNames(): Set<string> {
  const metrics = new ServerMetrics(new MessageBus(), { engines: () => [], busDepth: () => 0, connectedClients: () => 0, sync: () => ({ state: 'off', pending: 0, lagMs: 0, workstationId: 'ws' }) });
  const names = new Set(metrics.registry.getMetricsAsArray().map((m) => m.name));
  metrics.close();
  return names;
}

/** The metric names a PromQL expression reads (a histogram's series map to their metric). */
function metricsIn(expr: string): string[] {
  const functions = new Set(['sum', 'rate', 'increase', 'max', 'min', 'by', 'histogram_quantile', 'absent', 'and', 'or', 'le', 'outcome', 'method', 'engine', 'job', 'code']);
  const names = [...expr.replace(/\{[^}]*\}/g, '').replace(/\[[^\]]*\]/g, '').replace(/"[^"]*"/g, '').matchAll(/[a-z_][a-z0-9_]*/g)].map((m) => m[0]).filter((n) => !functions.has(n));
  return names.map((n) => n.replace(/_(bucket|count|sum)$/, ''));
}

describe('deploy/Dockerfile', () => {
  const dockerfile = readFileSync(deploy('Dockerfile'), 'utf8');
  const stages = [...dockerfile.matchAll(/^FROM (\S+) AS (\S+)$/gm)].map((m) => ({ from: m[1], name: m[2], at: m.index! }));
  const stageText = (name: string) => {
    const i = stages.findIndex((s) => s.name === name);
    return dockerfile.slice(stages[i]!.at, stages[i + 1]?.at ?? dockerfile.length);
  };

  it('builds in stages and ships two targets, host and worker, from one runtime', () => {
    expect(stages.map((s) => s.name)).toEqual(['deps', 'build', 'runtime', 'host', 'worker']);
    expect(stages.find((s) => s.name === 'build')!.from).toBe('deps');
    expect(stages.find((s) => s.name === 'host')!.from).toBe('runtime');
    expect(stages.find((s) => s.name === 'worker')!.from).toBe('runtime');
    // The runtime starts from a clean base, not from the toolchain stage.
    expect(stages.find((s) => s.name === 'runtime')!.from).toMatch(/^node:\$\{NODE_VERSION\}-bookworm-slim$/);
    expect(stageText('deps')).toMatch(/npm ci/);
    expect(stageText('build')).toMatch(/npm run build/);
    expect(stageText('build')).toMatch(/npm prune --omit=dev/);
  });

  it('runs both targets as an unprivileged user, with the commands the CLI has', () => {
    for (const target of ['host', 'worker']) expect(stageText(target)).toMatch(/^USER 10001:10001$/m);
    expect(stageText('runtime')).toMatch(/useradd --system --uid 10001/);
    expect(dockerfile).not.toMatch(/^USER (root|0)\b/m);
    expect(stageText('host')).toMatch(/ENTRYPOINT \["node", "bin\/nautilus.js", "serve"\]/);
    expect(stageText('host')).toContain(`EXPOSE ${DEFAULT_PORT}`);
    expect(stageText('host')).toContain('/health/live');
    expect(stageText('worker')).toMatch(/ENTRYPOINT \["node", "bin\/nautilus.js", "worker"\]/);
  });
});

describe('deploy/k8s', () => {
  const deployments = all.filter((o) => o.kind === 'Deployment');

  it('has the server, its replicas and the workers, each image pinned to a version from our registry', () => {
    expect(deployments.map((d) => d.metadata.name).sort()).toEqual(['nautilus-replica', 'nautilus-server', 'nautilus-worker']);
    const images = deployments.flatMap((d) => d.spec.template.spec.containers.map((c: { image: string }) => c.image));
    for (const image of images) expect(image).toMatch(/^ghcr\.io\/nautilus-workstation\/nautilus(-worker)?:\d+\.\d+\.\d+$/);
    expect(find('Deployment', 'nautilus-server').spec.template.spec.containers[0].image).toMatch(/\/nautilus:/);
    // The replicas run the very server image (the same version): only their arguments differ.
    expect(find('Deployment', 'nautilus-replica').spec.template.spec.containers[0].image).toBe(find('Deployment', 'nautilus-server').spec.template.spec.containers[0].image);
    expect(find('Deployment', 'nautilus-worker').spec.template.spec.containers[0].image).toMatch(/\/nautilus-worker:/);
  });

  it('runs every pod and container as non-root with no privilege, no capabilities and a read-only root', () => {
    for (const d of deployments) {
      const pod = d.spec.template.spec;
      expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: 'RuntimeDefault' } });
      expect(pod.automountServiceAccountToken).toBe(false);
      for (const c of pod.containers) {
        expect(c.securityContext).toEqual({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true, capabilities: { drop: ['ALL'] } });
        // A read-only root needs its writable places mounted.
        expect(c.volumeMounts.map((m: { mountPath: string }) => m.mountPath).sort()).toEqual(['/data', '/tmp']);
      }
    }
  });

  it('gives every container requests and limits, limits at or above requests', () => {
    const bytes = (q: string) => Number(q.replace(/Gi$/, '')) * 1024 ** 3 || Number(q.replace(/Mi$/, '')) * 1024 ** 2;
    for (const d of deployments) {
      for (const c of d.spec.template.spec.containers) {
        const { requests, limits } = c.resources;
        expect(Number(limits.cpu)).toBeGreaterThanOrEqual(Number(requests.cpu));
        expect(bytes(limits.memory)).toBeGreaterThanOrEqual(bytes(requests.memory));
        expect(bytes(requests.memory)).toBeGreaterThan(0);
      }
    }
  });

  it('probes the server on the paths it serves: live for liveness and start-up, ready for readiness', () => {
    const server = find('Deployment', 'nautilus-server');
    const c = server.spec.template.spec.containers[0];
    expect(c.ports).toEqual([{ name: 'http', containerPort: DEFAULT_PORT, protocol: 'TCP' }]);
    expect(c.args).toEqual(['--host', '0.0.0.0', '--port', String(DEFAULT_PORT), '--data-dir', '/data', '--public-host', 'nautilus-server', '--json']);
    expect(c.livenessProbe.httpGet).toEqual({ path: '/health/live', port: 'http' });
    expect(c.startupProbe.httpGet).toEqual({ path: '/health/live', port: 'http' });
    expect(c.readinessProbe.httpGet).toEqual({ path: '/health/ready', port: 'http' });
    for (const path of [c.livenessProbe.httpGet.path, c.readinessProbe.httpGet.path]) expect(PROBE_PATHS).toContain(path);
    // One writer for the SQLite record: never two pods on one volume.
    expect(server.spec.replicas).toBe(1);
    expect(server.spec.strategy).toEqual({ type: 'Recreate' });
  });

  it('runs several read-only replicas: --role replica, rolling, scratch data, probed like the server', () => {
    const replica = find('Deployment', 'nautilus-replica');
    const c = replica.spec.template.spec.containers[0];
    expect(c.args).toEqual(['--host', '0.0.0.0', '--port', String(DEFAULT_PORT), '--data-dir', '/data', '--role', 'replica', '--primary', 'http://nautilus-server', '--json']);
    expect(c.ports).toEqual([{ name: 'http', containerPort: DEFAULT_PORT, protocol: 'TCP' }]);
    expect(c.livenessProbe.httpGet).toEqual({ path: '/health/live', port: 'http' });
    expect(c.startupProbe.httpGet).toEqual({ path: '/health/live', port: 'http' });
    expect(c.readinessProbe.httpGet).toEqual({ path: '/health/ready', port: 'http' });
    expect(replica.spec.replicas).toBeGreaterThan(1);
    // A replica holds no record: pods may overlap in a roll, and its data dir is no volume claim.
    expect(replica.spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } });
    expect(replica.spec.template.spec.volumes.map((v: Record<string, unknown>) => Object.keys(v).filter((k) => k !== 'name'))).toEqual([['emptyDir'], ['emptyDir']]);
    const budget = find('PodDisruptionBudget', 'nautilus-replica');
    expect(budget.spec.selector.matchLabels).toEqual(replica.spec.selector.matchLabels);
    expect(budget.spec.minAvailable).toBeLessThan(replica.spec.replicas);
  });

  it('points the replicas at the primary by a name the primary accepts: its Service, on port 80 to its http port', () => {
    const argOf = (name: string, flag: string) => {
      const args: string[] = find('Deployment', name).spec.template.spec.containers[0].args;
      const at = args.indexOf(flag);
      return at >= 0 ? args[at + 1] : undefined;
    };
    const primary = parsePrimaryUrl(argOf('nautilus-replica', '--primary')!);
    if (!primary.ok) throw new Error(primary.error);
    const host = new URL(primary.value.url).host;
    const service = find('Service', host);
    expect(service.spec.selector).toEqual(find('Deployment', 'nautilus-server').spec.selector.matchLabels);
    expect(service.spec.ports).toEqual([expect.objectContaining({ port: 80, targetPort: 'http' })]);
    // The primary's Host check takes that name (a link's Host header is the URL's host: no port on 80).
    expect(argOf('nautilus-server', '--public-host')).toBe(host);
  });

  it('gives the server and its replicas the same users (PostgreSQL) and the replicas the stream they relay (Redis)', () => {
    const secretEnv = (name: string) =>
      Object.fromEntries(find('Deployment', name).spec.template.spec.containers[0].env.map((e: { name: string; valueFrom: { secretKeyRef: { key: string } } }) => [e.name, e.valueFrom.secretKeyRef.key]));
    for (const name of ['nautilus-server', 'nautilus-replica']) expect(secretEnv(name)).toEqual({ NAUTILUS_REDIS_URL: 'redis-url', NAUTILUS_POSTGRES_URL: 'postgres-url' });
  });

  it('takes settings from the ConfigMap and secrets only through Secret references', () => {
    const configMap = find('ConfigMap', 'nautilus-config');
    for (const d of deployments) {
      const c = d.spec.template.spec.containers[0];
      expect(c.envFrom).toEqual([{ configMapRef: { name: configMap.metadata.name } }]);
      for (const env of c.env) {
        expect(env.value).toBeUndefined();
        expect(env.valueFrom.secretKeyRef.name).toBe('nautilus-secrets');
      }
    }
    expect(JSON.stringify(all)).not.toMatch(/redis:\/\/[^"]*:[^"@]+@|postgres:\/\/[^"]*:[^"@]+@/);
    expect(all.some((o) => o.kind === 'Secret')).toBe(false);
  });

  it('wires Services, the TLS Ingress (to the replicas) and ServiceMonitors to the pods by their labels and named ports', () => {
    for (const name of ['nautilus-server', 'nautilus-replica']) {
      const service = find('Service', name);
      expect(service.spec.selector).toEqual(find('Deployment', name).spec.selector.matchLabels);
      expect(service.spec.ports[0].targetPort).toBe('http');
      const monitor = find('ServiceMonitor', name);
      expect(monitor.spec.selector.matchLabels).toEqual({ 'app.kubernetes.io/name': name });
      expect(service.metadata.labels).toMatchObject(monitor.spec.selector.matchLabels);
      expect(monitor.spec.endpoints[0]).toMatchObject({ port: 'http', path: '/metrics' });
    }
    // One Ingress; the API is one socket (reads, streams and orders), so all of it goes to the replicas.
    expect(all.filter((o) => o.kind === 'Ingress').map((o) => o.metadata.name)).toEqual(['nautilus-server']);
    const ingress = find('Ingress', 'nautilus-server');
    const host = ingress.spec.rules[0].host;
    expect(ingress.spec.tls).toEqual([{ hosts: [host], secretName: 'nautilus-tls' }]);
    // The servers accept the Host and Origin the Ingress serves them under.
    expect((find('ConfigMap', 'nautilus-config') as unknown as { data: Record<string, string> }).data.NAUTILUS_PUBLIC_HOST).toBe(host);
    expect(ingress.spec.rules[0].http.paths).toEqual([{ path: '/', pathType: 'Prefix', backend: { service: { name: 'nautilus-replica', port: { name: 'http' } } } }]);
    const workerMonitor = find('ServiceMonitor', 'nautilus-worker');
    const workerService = find('Service', 'nautilus-worker-metrics');
    expect(workerService.spec.selector).toEqual(find('Deployment', 'nautilus-worker').spec.selector.matchLabels);
    expect(workerMonitor.spec.endpoints[0]).toMatchObject({ port: 'metrics', path: '/metrics' });
  });

  it('scales the workers on the research queue depth', () => {
    const hpa = find('HorizontalPodAutoscaler', 'nautilus-worker');
    expect(hpa.apiVersion).toBe('autoscaling/v2');
    expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'nautilus-worker' });
    expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(1);
    expect(hpa.spec.maxReplicas).toBeGreaterThan(hpa.spec.minReplicas);
    expect(hpa.spec.metrics).toEqual([
      { type: 'External', external: { metric: { name: 'nautilus_research_jobs_waiting', selector: { matchLabels: { queue: 'nautilus-research' } } }, target: { type: 'AverageValue', averageValue: '4' } } },
    ]);
  });
});

describe('deploy/prometheus and deploy/grafana', () => {
  const exported = serverMetricNames();
  const known = (name: string) => exported.has(name) || EXTERNAL_METRICS.has(name);

  it('alerts on trading down, order failures, order-path latency over 500 ms, sync lag and risk breaches', () => {
    const [rules] = loadAll(readFileSync(deploy('prometheus', 'alerts.yaml'), 'utf8')) as K8sObject[];
    expect(rules!.kind).toBe('PrometheusRule');
    const alerts = (rules!.spec.groups as Array<{ rules: Array<{ alert: string; expr: string; labels: { severity: string } }> }>).flatMap((g) => g.rules);
    const byName = Object.fromEntries(alerts.map((a) => [a.alert, a]));
    for (const name of ['NautilusTradingDown', 'NautilusOrderFailures', 'NautilusOrderPathSlow', 'NautilusSyncLag', 'NautilusRiskBreach']) expect(byName[name], name).toBeDefined();
    expect(byName.NautilusOrderPathSlow!.expr).toMatch(/histogram_quantile\(0\.99, .*nautilus_order_path_seconds_bucket.*\) > 0\.5$/);
    for (const a of alerts) {
      expect(['critical', 'warning']).toContain(a.labels.severity);
      for (const metric of metricsIn(a.expr)) expect(known(metric), `${a.alert} reads ${metric}, which nothing exports`).toBe(true);
    }
  });

  it('has a dashboard whose every query reads exported metrics', () => {
    const dashboard = JSON.parse(readFileSync(deploy('grafana', 'nautilus-dashboard.json'), 'utf8')) as { uid: string; panels: Array<{ type: string; title: string; targets?: Array<{ expr: string }> }> };
    expect(dashboard.uid).toBe('nautilus-team');
    const queries = dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => ({ title: p.title, expr: t.expr })));
    expect(queries.length).toBeGreaterThan(10);
    for (const { title, expr } of queries) for (const metric of metricsIn(expr)) expect(known(metric), `panel "${title}" reads ${metric}`).toBe(true);
    for (const row of ['Trading', 'Latency', 'Engines and bus', 'Sync and research']) expect(dashboard.panels.some((p) => p.type === 'row' && p.title === row)).toBe(true);
  });
});
