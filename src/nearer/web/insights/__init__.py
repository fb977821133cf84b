"""Chat insights in the web app: uploads analysed by the background worker, the merged weekly
history they leave, and the early warning that reads check-ins and messages together."""
