/**
 * The model, Discord's REST API and the gateway misbehaving while people use the bot: each a scripted scenario
 * with its own verdict (see fault-run.ts for what every verdict checks).
 */
import type { ScenarioContext, ScenarioResult } from '../scenario.ts';
import type { World } from '../world.ts';
import { type FaultPlan, runFaultScenario, share } from './fault-run.ts';

const MODEL_OVERLOAD_SHARE = 0.3;
const REST_500_SHARE = 0.05;
const REST_429_SHARE = 0.02;
const REST_RETRY_AFTER_SECONDS = 1;
const GATEWAY_KILL_EVERY_MS = 20_000;
const GATEWAY_TRAFFIC_SECONDS = 65;
const GATEWAY_RATE_PER_SECOND = 3;

const modelOverloaded: FaultPlan = {
  name: 'model-529',
  interactions: 200,
  concurrency: 30,
  seed: 21,
  async inject(world) {
    const before = world.proxy.calls.length;
    world.proxy.setOverloadRate(MODEL_OVERLOAD_SHARE);
    return {
      async stop() {
        world.proxy.setOverloadRate(0);
        const calls = world.proxy.calls.slice(before);
        const overloaded = calls.filter((call) => call.status === 529).length;
        return { modelRequests: calls.length, overloaded, overloadedShare: share(overloaded, calls.length) };
      },
    };
  },
  describe: (f) =>
    `${f.overloaded}/${f.modelRequests} model requests answered 529 (${f.overloadedShare}), ${f.offlineShown} labelled offline answers shown (${f.offlineReplies} in the ledger)`,
};

const restFaults: FaultPlan = {
  name: 'discord-rest-faults',
  interactions: 200,
  concurrency: 30,
  seed: 22,
  async inject(world) {
    const before = world.discord.requests.length;
    world.discord.setFaultRates({
      rest500: REST_500_SHARE,
      rest429: REST_429_SHARE,
      retryAfterSeconds: REST_RETRY_AFTER_SECONDS,
    });
    return {
      async stop() {
        world.discord.clearFaults();
        const requests = world.discord.requests.slice(before);
        const injected = requests.filter((request) => request.injected);
        const count = (status: number) => injected.filter((request) => request.status === status).length;
        return { restRequests: requests.length, injected500: count(500), injected429: count(429) };
      },
    };
  },
  describe: (f) =>
    `${f.injected500} × 500 and ${f.injected429} × 429 (Retry-After ${REST_RETRY_AFTER_SECONDS} s) in ${f.restRequests} REST requests`,
};

function countLogs(world: World, message: string): number {
  return world.bot().lines.filter((line) => line.msg === message).length;
}

const gatewayKilled: FaultPlan = {
  name: 'gateway-killed',
  interactions: GATEWAY_TRAFFIC_SECONDS * GATEWAY_RATE_PER_SECOND,
  concurrency: 50,
  ratePerSecond: GATEWAY_RATE_PER_SECOND,
  seed: 23,
  async inject(world) {
    let kills = 0;
    const timer = setInterval(() => {
      kills++;
      world.discord.killGatewaySocket();
    }, GATEWAY_KILL_EVERY_MS);
    return {
      async stop() {
        clearInterval(timer);
        return {
          kills,
          resumed: countLogs(world, 'gateway resumed'),
          reconnecting: countLogs(world, 'gateway reconnecting'),
        };
      },
    };
  },
  describe: (f) =>
    `${f.kills} sockets killed (every ${GATEWAY_KILL_EVERY_MS / 1000} s), ${f.resumed} resumed`,
  problems: (f) => (f.resumed === f.kills ? [] : [`${f.kills} kills but ${f.resumed} resumes`]),
};

export const modelOverloadScenario = (context: ScenarioContext): Promise<ScenarioResult> =>
  runFaultScenario(context, modelOverloaded);
export const restFaultScenario = (context: ScenarioContext): Promise<ScenarioResult> =>
  runFaultScenario(context, restFaults);
export const gatewayKillScenario = (context: ScenarioContext): Promise<ScenarioResult> =>
  runFaultScenario(context, gatewayKilled);
