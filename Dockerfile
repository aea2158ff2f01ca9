# Production image for docker-compose.yml: builds the console, runs the server with tsx.
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
COPY shared/package.json shared/
# The emulator's bin script is linked at install time, so it comes with its package.json.
COPY packages/stripe-emulator/package.json packages/stripe-emulator/
COPY packages/stripe-emulator/bin packages/stripe-emulator/bin/
COPY server/package.json server/
COPY web/package.json web/
COPY e2e/package.json e2e/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build
USER node
EXPOSE 3000
CMD ["npm", "run", "start", "-w", "server"]
