# The BlocGraph API image used by docker-compose.yml.
FROM python:3.11-slim
WORKDIR /app
COPY . /app
RUN pip install --no-cache-dir '.[model]'
EXPOSE 8000
CMD ["blocgraph", "serve", "--host", "0.0.0.0", "--port", "8000"]
