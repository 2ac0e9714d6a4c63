// Kill switch and reduce-only mode: who engaged them, when and why. Only a named person re-enables trading.
import { err, ok, type Result } from '../../model/result';
import type { EpochMs } from '../../model/clock';

export interface TradingHalt {
  readonly engaged: boolean;
  readonly reason: string;
  readonly by: string;
  readonly since: EpochMs;
}

export type KillSwitchError = { readonly code: 'PERSON_REQUIRED' } | { readonly code: 'KILL_SWITCH_NOT_ENGAGED' };

export class KillSwitch {
  private state: TradingHalt = { engaged: false, reason: '', by: '', since: 0 };
  private reduceOnlyState: TradingHalt = { engaged: false, reason: '', by: '', since: 0 };

  get engaged(): boolean {
    return this.state.engaged;
  }
  get reason(): string {
    return this.state.reason;
  }
  get reduceOnly(): boolean {
    return this.reduceOnlyState.engaged;
  }
  status(): { killSwitch: TradingHalt; reduceOnly: TradingHalt } {
    return { killSwitch: this.state, reduceOnly: this.reduceOnlyState };
  }

  /** Engaging is always allowed, by anyone or anything (a breach, a script): stopping is never refused. */
  engage(reason: string, by: string, time: EpochMs): void {
    this.state = { engaged: true, reason, by, since: time };
  }

  release(by: string, time: EpochMs): Result<void, KillSwitchError> {
    if (by.trim().length === 0) return err({ code: 'PERSON_REQUIRED' });
    if (!this.state.engaged) return err({ code: 'KILL_SWITCH_NOT_ENGAGED' });
    this.state = { engaged: false, reason: '', by, since: time };
    return ok(undefined);
  }

  setReduceOnly(enabled: boolean, by: string, time: EpochMs): Result<void, KillSwitchError> {
    if (!enabled && by.trim().length === 0) return err({ code: 'PERSON_REQUIRED' });
    this.reduceOnlyState = { engaged: enabled, reason: enabled ? 'reduce-only mode' : '', by, since: time };
    return ok(undefined);
  }
}
