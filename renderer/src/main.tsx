import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { absorbHashToken } from './api/connection';
import './styles/app.css';

// Take a `#token=` out of the address bar before anything else can read or log it.
absorbHashToken();

const root = document.getElementById('root');
if (!root) throw new Error('index.html lacks #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
