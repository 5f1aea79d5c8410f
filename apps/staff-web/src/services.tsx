import { createContext, useContext } from 'react';
import { uploadWithProgress, type UploadFn } from './api/upload';
import { openGateStore, type GateStore } from './gate/store';

/** What the screens use beyond the urql client; tests swap these for stubs. */
export interface Services {
  openGateStore: () => Promise<GateStore>;
  upload: UploadFn;
}

export const defaultServices: Services = { openGateStore, upload: uploadWithProgress };

export const ServicesContext = createContext<Services>(defaultServices);

export function useServices(): Services {
  return useContext(ServicesContext);
}
