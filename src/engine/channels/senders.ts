import type { ChannelKind } from '../../shared/contract/channels';
import { sendDiscord } from './discord';
import { sendEmail } from './email';
import { sendSlack } from './slack';
import { sendTelegram } from './telegram';
import { sendTwilio } from './twilio';
import type { Sender } from './types';
import { sendWebhook } from './webhook';

export const SENDERS: Readonly<Record<ChannelKind, Sender>> = {
  webhook: sendWebhook,
  discord: sendDiscord,
  slack: sendSlack,
  telegram: sendTelegram,
  twilio: sendTwilio,
  email: sendEmail,
};
