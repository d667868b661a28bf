import { createContext, useContext } from 'react';
import type { ClientStub } from '../client-stub/client-stub';
import type { CallsStore } from '../stores/calls-store';
import type { ComposerStore } from '../stores/composer-store';
import type { ConnectionStore } from '../stores/connection-store';
import type { GuideStore } from '../stores/guide-store';
import type { PlaybackStore } from '../stores/playback-store';
import type { PredictionStore } from '../stores/prediction-store';
import type { SettingsStore } from '../stores/settings-store';
import type { WireStore } from '../stores/wire-store';

export type AppServices = {
  connection: ConnectionStore;
  calls: CallsStore;
  composer: ComposerStore;
  guide: GuideStore;
  settings: SettingsStore;
  playback: PlaybackStore;
  prediction: PredictionStore;
  stub: ClientStub;
  wire: WireStore;
};

export const AppContext = createContext<AppServices | null>(null);

export function useApp(): AppServices {
  const services = useContext(AppContext);
  if (!services) throw new Error('useApp outside <AppContext.Provider>');
  return services;
}
