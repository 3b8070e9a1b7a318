// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createFakeBackend } from '../api/fake-backend.js';
import { installJsdomShims } from '../testing/jsdom-setup.js';
import { renderWithStore } from '../testing/render-with-store.js';
import { sampleInventory } from '../testing/sample-inventory.js';
import { StarRating } from './StarRating.js';

beforeAll(() => installJsdomShims());
afterEach(cleanup);

describe('star rating', () => {
  it('reads out half stars, and draws five icons', async () => {
    const { container } = await renderWithStore(<StarRating rating={4.5} />);
    expect(screen.getByRole('img', { name: '4.5 stars' })).toBeTruthy();
    expect(container.querySelectorAll('svg')).toHaveLength(6); // four full, and a half over an outline
  });

  it('says “1 star” and “0 stars”', async () => {
    await renderWithStore(
      <>
        <StarRating rating={1} />
        <StarRating rating={0} />
      </>,
    );
    expect(screen.getByRole('img', { name: '1 star' })).toBeTruthy();
    expect(screen.getByRole('img', { name: '0 stars' })).toBeTruthy();
  });

  it('speaks Italian with a decimal comma', async () => {
    await renderWithStore(<StarRating rating={4.5} />, createFakeBackend({ inventory: sampleInventory(), systemLocale: 'it-IT' }));
    expect(screen.getByRole('img', { name: '4,5 stelle' })).toBeTruthy();
  });
});
